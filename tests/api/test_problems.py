"""Every 4xx of the API is an RFC 9457 problem (application/problem+json)."""

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from catalog.models import Api
from tests.api.conftest import api_client_for, assert_problem, issue


def test_it_answers_400_for_a_body_that_is_not_json(team, owner):
    response = api_client_for(owner).post(
        "/api/v1/apis/", b'{"slug": ', content_type="application/json"
    )

    body = assert_problem(response, 400)
    assert "JSON" in body["detail"]


def test_it_answers_400_with_errors_by_field(team, owner):
    response = api_client_for(owner).post(
        "/api/v1/apis/",
        {"slug": "not a slug", "name": "", "team": "payments", "docs_url": "nope"},
        format="json",
    )

    body = assert_problem(response, 400)
    assert set(body["errors"]) == {"slug", "name", "docs_url"}
    assert body["type"].endswith("/validation-error")
    assert body["detail"].startswith("slug: ")
    assert not Api.objects.exists()


def test_it_answers_401_with_a_bearer_challenge(api):
    response = api_client_for().get("/api/v1/apis/")

    body = assert_problem(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert body["type"].endswith("/not-authenticated")


def test_it_answers_403_for_a_person_without_rights(api, outsider):
    assert_problem(
        api_client_for(outsider).patch("/api/v1/apis/payments/", {"name": "x"}, format="json"),
        403,
    )


def test_it_answers_403_for_a_session_write_without_csrf_token(api, owner):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(owner)

    body = assert_problem(client.patch("/api/v1/apis/payments/", {"name": "x"}), 403)
    assert "CSRF" in body["detail"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/apis/nope/", "/api/v1/nothing-here/", "/api/v2/apis/", "/api/", "/api/v1/specs/x/y"],
)
def test_it_answers_404_as_a_problem_anywhere_under_api(api, owner, path):
    body = assert_problem(api_client_for(owner).get(path), 404)
    assert body["type"].endswith("/not-found")


def test_it_keeps_the_html_404_outside_the_api(owner):
    response = api_client_for(owner).get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_it_answers_405_with_the_allowed_methods(api, owner):
    response = api_client_for(owner).delete("/api/v1/apis/payments/")

    assert_problem(response, 405)
    assert "PATCH" in response["Allow"]
    assert Api.objects.exists()


def test_it_answers_406_as_json_whatever_was_asked_for(api, owner):
    response = api_client_for(owner).get("/api/v1/apis/", HTTP_ACCEPT="application/xml")

    assert_problem(response, 406)


def test_it_answers_409_for_a_duplicate(api, owner):
    response = api_client_for(owner).post(
        "/api/v1/apis/", {"slug": "payments", "name": "Again", "team": "payments"}, format="json"
    )

    body = assert_problem(response, 409)
    assert body["type"].endswith("/conflict")


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
def test_it_answers_413_for_a_body_over_the_upload_limit(team, owner):
    response = api_client_for(owner).post(
        "/api/v1/apis/",
        {"slug": "x", "name": "X", "team": "payments", "description": "d" * 2000},
        format="json",
    )

    assert_problem(response, 413)
    assert not Api.objects.exists()


def test_it_answers_415_for_an_unknown_media_type(team, owner):
    response = api_client_for(owner).post("/api/v1/apis/", b"slug=x", content_type="text/csv")

    body = assert_problem(response, 415)
    assert "text/csv" in body["detail"]


def test_it_answers_429_with_retry_after_for_too_many_writes(api, team, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"write": "2/min", "ingest": "100/min"},
    }
    client = api_client_for(secret=issue(team=team))

    for _ in range(2):
        assert (
            client.patch("/api/v1/apis/payments/", {"summary": "x"}, format="json").status_code
            == 200
        )
    response = client.patch("/api/v1/apis/payments/", {"summary": "x"}, format="json")

    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0
    # reads are not counted against the write rate
    assert client.get("/api/v1/apis/payments/").status_code == 200


def test_it_counts_tokens_apart_from_each_other(api, team, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"write": "1/min", "ingest": "100/min"},
    }
    first, second = api_client_for(secret=issue(team=team)), api_client_for(secret=issue(team=team))

    for client in (first, second):
        response = client.patch("/api/v1/apis/payments/", {"summary": "a"}, format="json")
        assert response.status_code == 200
    assert_problem(first.patch("/api/v1/apis/payments/", {"summary": "c"}, format="json"), 429)
