"""/api/v1/apis/{slug}/versions/ and /api/v1/versions/: versions through the services."""

import datetime

import pytest

from catalog.models import AuditEvent, Lifecycle, Version
from tests.api.conftest import api_client_for, assert_problem, issue
from tests.factories import VersionFactory

EDITORS = ["owner", "teammate", "admin_user"]
NOT_EDITORS = ["outsider", "reviewer"]
URL = "/api/v1/apis/payments/versions/"


def versions(response) -> list[str]:
    return [row["version"] for row in response.json()["results"]]


@pytest.fixture
def released(api):
    return VersionFactory(api=api, version="1.0.0", major=1, lifecycle=Lifecycle.RELEASED)


@pytest.mark.parametrize("name", ["owner", "teammate", "outsider", "reviewer", "admin_user"])
def test_it_lets_every_signed_in_persona_read_versions(released, persona, name):
    client = api_client_for(persona(name))

    assert versions(client.get(URL)) == ["1.0.0"]
    detail = client.get(f"{URL}1.0.0/").json()
    assert detail["lifecycle"] == "released"
    assert detail["api"] == "payments"
    assert detail["url"].endswith("/api/v1/apis/payments/versions/1.0.0/")


def test_it_asks_anonymous_to_authenticate(released):
    assert_problem(api_client_for().get(URL), 401)


def test_it_answers_404_for_an_unknown_api_or_version(released, owner):
    client = api_client_for(owner)

    assert_problem(client.get("/api/v1/apis/nope/versions/"), 404)
    assert_problem(client.get(f"{URL}9.9.9/"), 404)


@pytest.mark.parametrize("name", EDITORS)
def test_it_lets_the_team_create_a_version(api, persona, name):
    response = api_client_for(persona(name)).post(
        URL, {"version": "2.0.0-beta.1", "notes": "First beta"}, format="json"
    )

    assert response.status_code == 201, response.json()
    version = Version.objects.get(api=api)
    assert (version.major, version.prerelease, version.lifecycle) == (2, "beta.1", "draft")
    assert AuditEvent.objects.get(action="version.create").actor_label == persona(name).username


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_it_refuses_versions_from_outside_the_team(api, persona, name):
    response = api_client_for(persona(name)).post(URL, {"version": "2.0.0"}, format="json")

    assert_problem(response, 403)
    assert not Version.objects.exists()


def test_it_refuses_a_token_of_another_team(api, other_team):
    client = api_client_for(secret=issue(team=other_team))

    assert_problem(client.post(URL, {"version": "2.0.0"}, format="json"), 403)
    assert not Version.objects.exists()


def test_it_answers_a_duplicate_version_with_a_conflict(released, owner):
    response = api_client_for(owner).post(URL, {"version": "1.0.0"}, format="json")

    body = assert_problem(response, 409)
    assert "already has a version 1.0.0" in body["errors"]["version"][0]
    assert Version.objects.count() == 1
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("text", ["1.0", "v1.0.0", "latest", "1.0.0+build.5"])
def test_it_refuses_a_version_that_is_not_semver(api, owner, text):
    response = api_client_for(owner).post(URL, {"version": text}, format="json")

    body = assert_problem(response, 400)
    assert "semantic version" in body["errors"]["version"][0]
    assert not Version.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_refuses_a_sunset_before_the_deprecation(api, owner):
    response = api_client_for(owner).post(
        URL,
        {
            "version": "1.0.0",
            "lifecycle": "deprecated",
            "deprecated_on": "2026-06-01",
            "sunset_on": "2026-05-01",
        },
        format="json",
    )

    body = assert_problem(response, 400)
    assert "sunset_on" in body["errors"]
    assert not Version.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_updates_lifecycle_dates_successor_and_notes(released, api, owner):
    VersionFactory(api=api, version="2.0.0", major=2, lifecycle=Lifecycle.RELEASED)
    response = api_client_for(owner).patch(
        f"{URL}1.0.0/",
        {
            "lifecycle": "deprecated",
            "sunset_on": "2099-01-01",
            "successor": "2.0.0",
            "notes": "Use 2.0.0",
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    released.refresh_from_db()
    assert released.lifecycle == "deprecated"
    assert released.sunset_on == datetime.date(2099, 1, 1)
    assert released.successor.version == "2.0.0"
    assert released.deprecated_on is not None  # stamped by the service
    assert AuditEvent.objects.get(action="version.lifecycle").after["lifecycle"] == "deprecated"


def test_it_refuses_a_successor_from_another_api(released, owner, team):
    VersionFactory(api__slug="elsewhere", api__team=team, version="3.0.0", major=3)

    response = api_client_for(owner).patch(f"{URL}1.0.0/", {"successor": "3.0.0"}, format="json")

    body = assert_problem(response, 400)
    assert "successor" in body["errors"]


def test_it_refuses_a_lifecycle_the_service_forbids(released, owner):
    response = api_client_for(owner).patch(f"{URL}1.0.0/", {"lifecycle": "draft"}, format="json")

    body = assert_problem(response, 400)
    assert "lifecycle" in body["errors"]
    released.refresh_from_db()
    assert released.lifecycle == "released"


def test_it_keeps_the_version_string_read_only(released, owner):
    response = api_client_for(owner).patch(f"{URL}1.0.0/", {"version": "9.0.0"}, format="json")

    assert response.status_code == 200
    assert Version.objects.get().version == "1.0.0"


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_it_refuses_updates_from_outside_the_team(released, persona, name):
    response = api_client_for(persona(name)).patch(f"{URL}1.0.0/", {"notes": "x"}, format="json")

    assert_problem(response, 403)
    assert not AuditEvent.objects.exists()


def test_it_lists_every_version_with_the_version_filters(api, other_team, owner):
    VersionFactory(api=api, version="1.0.0", major=1, lifecycle=Lifecycle.RELEASED)
    VersionFactory(api__team=other_team, api__slug="index", version="3.0.0", major=3)
    client = api_client_for(owner)

    assert sorted(versions(client.get("/api/v1/versions/"))) == ["1.0.0", "3.0.0"]
    assert versions(client.get("/api/v1/versions/?api=index")) == ["3.0.0"]
    assert versions(client.get("/api/v1/versions/?team=payments")) == ["1.0.0"]
    assert versions(client.get("/api/v1/versions/?lifecycle=draft")) == []


@pytest.mark.parametrize("count", [3, 20])
def test_it_lists_versions_in_a_constant_number_of_queries(
    api, owner, count, django_assert_num_queries
):
    first = VersionFactory(api=api)
    for _ in range(count - 1):
        VersionFactory(api=api, successor=first)
    client = api_client_for(owner)

    with django_assert_num_queries(4):  # session, user, count, page
        response = client.get("/api/v1/versions/?page_size=50")
    assert len(response.json()["results"]) == count
    with django_assert_num_queries(5):  # and the API of the URL
        client.get(f"{URL}?page_size=50")
