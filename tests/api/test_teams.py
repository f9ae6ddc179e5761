"""/api/v1/teams/: read-only, with the team filter of the catalog."""

import pytest

from tests.api.conftest import api_client_for, assert_problem, issue
from tests.factories import ApiFactory, TeamFactory


@pytest.mark.parametrize("name", ["owner", "teammate", "outsider", "reviewer", "admin_user"])
def test_it_lets_every_signed_in_persona_read_teams(api, other_team, persona, name):
    client = api_client_for(persona(name))

    rows = client.get("/api/v1/teams/").json()["results"]
    detail = client.get("/api/v1/teams/payments/").json()

    assert [row["slug"] for row in rows] == ["payments", "search"]
    assert detail["api_count"] == 1
    assert detail["apis_url"].endswith("/api/v1/apis/?team=payments")


def test_it_asks_anonymous_to_authenticate(team):
    assert_problem(api_client_for().get("/api/v1/teams/"), 401)


def test_it_searches_teams_by_name_or_slug(team, other_team, owner):
    client = api_client_for(owner)

    rows = client.get("/api/v1/teams/?q=sea").json()["results"]

    assert [row["slug"] for row in rows] == ["search"]


def test_it_does_not_write_teams(team):
    client = api_client_for(secret=issue(team=team))

    assert_problem(client.post("/api/v1/teams/", {"name": "X", "slug": "x"}), 405)
    assert_problem(client.patch("/api/v1/teams/payments/", {"name": "X"}), 405)


@pytest.mark.parametrize("count", [2, 15])
def test_it_lists_in_a_constant_number_of_queries(owner, count, django_assert_num_queries):
    for _ in range(count):
        ApiFactory(team=TeamFactory())
    client = api_client_for(owner)

    with django_assert_num_queries(4):  # session, user, count, page
        response = client.get("/api/v1/teams/?page_size=50")
    assert len(response.json()["results"]) == count + 1  # and the owner's team
