"""The REST API under /api/v1/: one router for every app's viewsets."""

from rest_framework.routers import DefaultRouter

from accounts.api.urls import register as register_accounts
from catalog.api.urls import register as register_catalog
from catalog.api.urls import urlpatterns as catalog_urlpatterns
from governance.api.urls import register as register_governance
from governance.api.urls import urlpatterns as governance_urlpatterns
from notifications.api.urls import register as register_notifications
from notifications.api.urls import urlpatterns as notifications_urlpatterns
from usage.api.urls import register as register_usage
from usage.api.urls import urlpatterns as usage_urlpatterns

app_name = "v1"

router = DefaultRouter(trailing_slash=True)
register_catalog(router)
register_accounts(router)
register_governance(router)
register_usage(router)
register_notifications(router)

urlpatterns = [
    *catalog_urlpatterns,
    *governance_urlpatterns,
    *usage_urlpatterns,
    *notifications_urlpatterns,
    *router.urls,
]
