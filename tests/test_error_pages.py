"""The error pages: the site's own, with its navigation and the reason, never Django's bare
ones; and problem+json under /api/."""

import json

import pytest
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.test import Client, RequestFactory

from portal.api.views import bad_request, server_error
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_missing_page_keeps_the_site_around_it(outsider):
    response = client_for(outsider).get("/apis/no-such-api/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and 'class="site-header"' in html
    assert 'href="/"' in html  # a way back


def test_an_address_no_route_matches_says_so_in_words(outsider):
    html = client_for(outsider).get("/nothing/here/").content.decode()
    assert "There is no page at this address." in html
    assert "Resolver404" not in html


def test_a_refusal_gives_its_reason(owner, api):
    response = client_for(owner).get("/governance/approvals/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Not allowed" in html and 'class="site-header"' in html
    assert f"signed in as {owner.get_username()}" in html


def test_a_server_error_is_a_page_or_a_problem():
    factory = RequestFactory()
    page = server_error(factory.get("/apis/payments/"))
    assert page.status_code == 500 and b"Something went wrong" in page.content
    problem = server_error(factory.get("/api/v1/apis/"))
    assert problem.status_code == 500
    assert problem["Content-Type"] == "application/problem+json"
    assert json.loads(problem.content)["title"] == "Server error"


def test_a_form_without_its_csrf_token_is_refused_with_a_page_that_explains(owner, api):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    response = client.post(f"/apis/{api.slug}/edit/", {"name": "Renamed"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in html and "Nothing was saved" in html
    api.refresh_from_db()
    assert api.name != "Renamed"


def test_a_form_over_the_field_limit_is_refused_with_a_page_that_says_so(owner, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client_for(owner).post("/governance/lint/", {"text": "openapi: 3.1.0\n" * 100})

    assert response.status_code == 413
    html = response.content.decode()
    assert "<h1>Too large</h1>" in html and "more than 1000\xa0bytes" in html


def test_a_bad_request_is_a_page_or_a_problem():
    factory = RequestFactory()
    page = bad_request(factory.get("/apis/"), SuspiciousOperation("no"))
    assert page.status_code == 400 and b"<h1>Bad request</h1>" in page.content
    problem = bad_request(factory.post("/api/v1/lint"), RequestDataTooBig("big"))
    assert problem.status_code == 413
    assert json.loads(problem.content)["title"] == "Content too large"
    problem = bad_request(factory.get("/api/v1/apis/"), SuspiciousOperation("no"))
    assert (problem.status_code, problem["Content-Type"]) == (400, "application/problem+json")
