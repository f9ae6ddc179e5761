"""The sign-in page."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_sign_in_page_names_the_portal_not_the_host(settings):
    # Django's LoginView puts the request's host in `site_name`, over the portal's name.
    settings.ALLOWED_HOSTS = ["portal.internal.example"]
    html = Client().get("/accounts/login/", HTTP_HOST="portal.internal.example").content.decode()
    assert f"<title>Sign in · {settings.PORTAL_SITE_NAME}</title>" in html
    assert "portal.internal.example" not in html
