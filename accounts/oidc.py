"""Single sign-on with any OpenID Connect provider, through mozilla-django-oidc."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Creates or updates the Django user from the provider's claims, keyed by email."""

    def create_user(self, claims):
        user = super().create_user(claims)
        return self._update_names(user, claims)

    def update_user(self, user, claims):
        return self._update_names(user, claims)

    def _update_names(self, user, claims):
        user.first_name = claims.get("given_name", "")[:150]
        user.last_name = claims.get("family_name", "")[:150]
        user.save(update_fields=["first_name", "last_name"])
        return user
