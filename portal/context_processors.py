from django.conf import settings


def portal(request):
    """Values every page needs: the site name and whether SSO is on."""
    return {"site_name": settings.PORTAL_SITE_NAME, "oidc_enabled": settings.OIDC_ENABLED}
