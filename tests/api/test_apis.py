"""/api/v1/apis/: the catalog's APIs, listed with the catalog page's filters and edited
by their own team only."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Scope
from catalog.models import Api, Audience, AuditEvent, Lifecycle, MetadataField
from catalog.services import api_refresh_rollups
from tests.api.conftest import api_client_for, assert_problem, issue
from tests.factories import ApiFactory, MembershipFactory, VersionFactory

READERS = ["owner", "teammate", "outsider", "reviewer", "admin_user"]
EDITORS = ["owner", "teammate", "admin_user"]
NOT_EDITORS = ["outsider", "reviewer"]


def slugs(response) -> list[str]:
    return [row["slug"] for row in response.json()["results"]]


@pytest.mark.parametrize("name", READERS)
def test_it_lets_every_signed_in_persona_read(api, persona, name):
    client = api_client_for(persona(name))

    assert slugs(client.get("/api/v1/apis/")) == ["payments"]
    detail = client.get("/api/v1/apis/payments/")
    assert detail.status_code == 200
    assert detail.json()["team"] == "payments"


def test_it_asks_anonymous_readers_to_authenticate(api):
    response = api_client_for().get("/api/v1/apis/")

    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_lets_anonymous_read_when_the_portal_allows_it(api, anonymous_read):
    assert slugs(api_client_for().get("/api/v1/apis/")) == ["payments"]


def test_it_keeps_writes_closed_to_anonymous_even_with_anonymous_read(team, anonymous_read):
    response = api_client_for().post(
        "/api/v1/apis/", {"slug": "x", "name": "X", "team": "payments"}
    )

    assert_problem(response, 401)
    assert not Api.objects.exists()


def test_it_filters_with_the_same_filters_as_the_catalog_page(team, other_team):
    soon = timezone.localdate() + datetime.timedelta(days=20)
    refunds = ApiFactory(team=team, slug="refunds", name="Refunds", tags=["money"])
    ApiFactory(team=other_team, slug="index", name="Index", audience=Audience.PUBLIC)
    Api.objects.filter(pk=refunds.pk).update(lifecycles=["deprecated"], next_sunset_on=soon)
    client = api_client_for(secret=issue(team=team))

    assert slugs(client.get("/api/v1/apis/?team=payments")) == ["refunds"]
    assert slugs(client.get("/api/v1/apis/?audience=public")) == ["index"]
    assert slugs(client.get("/api/v1/apis/?tag=money")) == ["refunds"]
    assert slugs(client.get("/api/v1/apis/?lifecycle=deprecated")) == ["refunds"]
    assert slugs(client.get("/api/v1/apis/?sunset_within=30")) == ["refunds"]
    assert slugs(client.get("/api/v1/apis/?q=refu")) == ["refunds"]
    assert slugs(client.get("/api/v1/apis/?sort=-name")) == ["refunds", "index"]


def test_it_refuses_an_unknown_filter_value_with_a_problem(api, owner):
    response = api_client_for(owner).get("/api/v1/apis/?audience=galactic")

    body = assert_problem(response, 400)
    assert "audience" in body["errors"]


@pytest.mark.parametrize("count", [3, 20])
def test_it_lists_in_a_constant_number_of_queries(team, owner, count, django_assert_num_queries):
    for _ in range(count):
        ApiFactory(team=team, tags=["t"], metadata={"k": "v"}, description="long " * 100)
    client = api_client_for(owner)

    # session, user, count, page
    with django_assert_num_queries(4):
        response = client.get("/api/v1/apis/?page_size=50")
    assert len(response.json()["results"]) == count


def test_it_reads_one_api_in_a_constant_number_of_queries(api, owner, django_assert_num_queries):
    client = api_client_for(owner)
    with django_assert_num_queries(3):  # session, user, the API with its team
        response = client.get("/api/v1/apis/payments/")
    assert response.json()["description"] == api.description


@pytest.mark.parametrize("name", EDITORS)
def test_it_lets_the_team_and_admins_create_apis(team, persona, name):
    client = api_client_for(persona(name))

    response = client.post(
        "/api/v1/apis/",
        {"slug": "refunds", "name": "Refunds", "team": "payments", "tags": ["Money", "money"]},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response["Location"].endswith("/api/v1/apis/refunds/")
    assert Api.objects.get(slug="refunds").tags == ["money"]  # the service cleaned them
    event = AuditEvent.objects.get(action="api.create")
    assert event.actor_label == persona(name).username


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_it_refuses_to_create_apis_for_another_team(team, persona, name):
    response = api_client_for(persona(name)).post(
        "/api/v1/apis/", {"slug": "refunds", "name": "Refunds", "team": "payments"}, format="json"
    )

    assert_problem(response, 403)
    assert not Api.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_lets_a_member_reviewer_edit_their_team_apis(api, reviewer, team):
    MembershipFactory(team=team, user=reviewer)
    response = api_client_for(reviewer).patch(
        "/api/v1/apis/payments/", {"summary": "Now a member"}, format="json"
    )
    assert response.status_code == 200


@pytest.mark.parametrize("name", EDITORS)
def test_it_lets_the_team_and_admins_update_an_api(api, persona, name):
    response = api_client_for(persona(name)).patch(
        "/api/v1/apis/payments/", {"summary": "Takes money"}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["summary"] == "Takes money"
    event = AuditEvent.objects.get(action="api.update")
    assert event.before["summary"] == "Manages things."
    assert event.after["summary"] == "Takes money"


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_it_refuses_updates_from_outside_the_team(api, persona, name):
    response = api_client_for(persona(name)).patch(
        "/api/v1/apis/payments/", {"summary": "Hijacked"}, format="json"
    )

    assert_problem(response, 403)
    api.refresh_from_db()
    assert api.summary == "Manages things."


def test_it_lets_a_team_token_edit_its_team_apis_with_the_token_in_the_audit(api, team):
    client = api_client_for(secret=issue(team=team))

    response = client.patch("/api/v1/apis/payments/", {"summary": "By CI"}, format="json")

    assert response.status_code == 200
    assert AuditEvent.objects.get(action="api.update").actor_label == "token ci (team Payments)"


def test_it_refuses_a_token_of_another_team(api, other_team):
    client = api_client_for(secret=issue(team=other_team))

    assert_problem(client.patch("/api/v1/apis/payments/", {"summary": "x"}, format="json"), 403)


def test_it_refuses_writes_from_a_read_only_token(api, team):
    client = api_client_for(secret=issue(team=team, scopes=[Scope.READ]))

    assert client.get("/api/v1/apis/payments/").status_code == 200
    body = assert_problem(
        client.patch("/api/v1/apis/payments/", {"summary": "x"}, format="json"), 403
    )
    assert "write:specs" in body["detail"]


def test_it_refuses_to_move_an_api_to_a_team_the_editor_is_not_in(api, owner, other_team):
    response = api_client_for(owner).patch(
        "/api/v1/apis/payments/", {"team": "search"}, format="json"
    )

    assert_problem(response, 403)
    api.refresh_from_db()
    assert api.team.slug == "payments"


def test_it_answers_a_duplicate_slug_with_a_conflict(api, owner):
    response = api_client_for(owner).post(
        "/api/v1/apis/", {"slug": "payments", "name": "Again", "team": "payments"}, format="json"
    )

    body = assert_problem(response, 409)
    assert "slug" in body["errors"]
    assert Api.objects.count() == 1


def test_it_reports_field_errors_from_the_service(api, owner):
    MetadataField.objects.create(key="tier", label="Tier", kind="number")
    response = api_client_for(owner).patch(
        "/api/v1/apis/payments/", {"metadata": {"tier": "gold"}}, format="json"
    )

    body = assert_problem(response, 400)
    assert "metadata.tier" in body["errors"]
    assert not AuditEvent.objects.exists()


def test_it_refuses_put_since_only_patch_updates(api, owner):
    response = api_client_for(owner).put(
        "/api/v1/apis/payments/", {"slug": "payments"}, format="json"
    )

    body = assert_problem(response, 405)
    assert "PATCH" in response["Allow"]
    assert "PUT" in body["detail"]


def test_it_shows_the_rollups_of_versions(api):
    VersionFactory(api=api, version="1.0.0", major=1, lifecycle=Lifecycle.RELEASED)
    api_refresh_rollups(api=api)
    client = api_client_for(secret=issue(team=api.team))

    row = client.get("/api/v1/apis/").json()["results"][0]
    assert row["lifecycles"] == ["released"]
    assert row["latest_version"] == "1.0.0"
