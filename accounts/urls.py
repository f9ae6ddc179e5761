from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

urlpatterns = [
    # LoginView puts the request's host in `site_name`; the page shows the portal's own name.
    path(
        "login/",
        auth_views.LoginView.as_view(extra_context={"site_name": settings.PORTAL_SITE_NAME}),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", views.token_list, name="token-list"),
    path("tokens/<int:pk>/revoke/", views.token_revoke_confirm, name="token-revoke"),
]
