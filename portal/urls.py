from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from operations.views import healthz

urlpatterns = [
    path("", include("catalog.urls")),
    path("accounts/", include("accounts.urls")),
    path("governance/", include("governance.urls")),
    path("usage/", include("usage.urls")),
    path("notifications/", include("notifications.urls")),
    path("api/v1/", include("portal.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))

# Unknown paths and server errors under /api/ answer problem+json; other paths get the pages
# (templates/404.html, 403.html, 400.html and 500.html).
handler400 = "portal.api.views.bad_request"
handler404 = "portal.api.views.page_not_found"
handler500 = "portal.api.views.server_error"
