"""/api/v1/tokens/: a signed-in person's tokens and their teams' tokens."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import token_hash, token_issue
from catalog.models import AuditEvent
from catalog.services import Actor
from tests.api.conftest import api_client_for, assert_problem, issue

URL = "/api/v1/tokens/"


def names(response) -> list[str]:
    return sorted(row["name"] for row in response.json()["results"])


@pytest.fixture
def tokens(owner, teammate, outsider, team, other_team):
    def make(name, **owner_kwargs):
        return token_issue(actor=Actor.system("t"), name=name, scopes=["read"], **owner_kwargs)

    return {
        "owner": make("owner's", user=owner),
        "teammate": make("teammate's", user=teammate),
        "outsider": make("outsider's", user=outsider),
        "payments": make("payments ci", team=team),
        "search": make("search ci", team=other_team),
    }


def test_it_lists_own_tokens_and_the_tokens_of_ones_teams(tokens, owner, teammate, reviewer):
    assert names(api_client_for(owner).get(URL)) == ["owner's", "payments ci"]
    assert names(api_client_for(teammate).get(URL)) == ["payments ci", "teammate's"]
    assert names(api_client_for(reviewer).get(URL)) == []


def test_it_shows_admins_every_team_token(tokens, admin_user):
    assert names(api_client_for(admin_user).get(URL)) == ["payments ci", "search ci"]


def test_it_never_shows_a_secret_or_its_hash_in_lists(tokens, owner):
    body = api_client_for(owner).get(URL).content.decode()

    assert tokens["owner"].secret not in body
    assert tokens["owner"].token.key_hash not in body
    assert "secret" not in body


def test_it_creates_a_personal_token_and_shows_the_secret_once(owner):
    client = api_client_for(owner)

    response = client.post(URL, {"name": "laptop", "scopes": ["read"]}, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    token = ApiToken.objects.get()
    assert (token.user, token.team, token.scopes) == (owner, None, ["read"])
    assert token.key_hash == token_hash(body["secret"])
    assert "secret" not in client.get(body["url"]).json()
    assert AuditEvent.objects.get(action="token.issue").actor_label == "owner"


def test_it_lets_a_team_owner_create_a_team_token(owner, team):
    response = api_client_for(owner).post(
        URL, {"name": "ci", "scopes": ["write:specs"], "team": "payments"}, format="json"
    )

    assert response.status_code == 201
    assert ApiToken.objects.get().team == team
    # and it works at once
    pipeline = api_client_for(secret=response.json()["secret"])
    assert pipeline.get("/api/v1/apis/").status_code == 200


@pytest.mark.parametrize("name", ["teammate", "outsider", "reviewer"])
def test_it_refuses_team_tokens_to_people_who_do_not_own_the_team(team, persona, name):
    response = api_client_for(persona(name)).post(
        URL, {"name": "ci", "scopes": ["read"], "team": "payments"}, format="json"
    )

    assert_problem(response, 403)
    assert not ApiToken.objects.exists()


def test_it_lets_an_admin_create_a_token_for_any_team(admin_user, team):
    response = api_client_for(admin_user).post(
        URL, {"name": "ci", "scopes": ["read"], "team": "payments"}, format="json"
    )

    assert response.status_code == 201


def test_it_refuses_tokens_made_by_tokens(team, owner):
    for secret in (issue(team=team), issue(user=owner)):
        client = api_client_for(secret=secret)
        before = ApiToken.objects.count()

        response = client.post(URL, {"name": "child", "scopes": ["read"]}, format="json")

        body = assert_problem(response, 403)
        assert "token cannot manage tokens" in body["detail"]
        assert ApiToken.objects.count() == before
        assert_problem(client.get(URL), 403)


def test_it_asks_anonymous_to_authenticate():
    assert_problem(api_client_for().get(URL), 401)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "x", "scopes": []}, "scopes"),
        ({"name": "x", "scopes": ["admin"]}, "scopes"),
        ({"name": "", "scopes": ["read"]}, "name"),
        ({"name": "x", "scopes": ["read"], "team": "nope"}, "team"),
        ({"name": "x", "scopes": ["read"], "expires_at": "2000-01-01T00:00:00Z"}, "expires_at"),
    ],
)
def test_it_refuses_bad_input(owner, team, payload, field):
    response = api_client_for(owner).post(URL, payload, format="json")

    body = assert_problem(response, 400)
    assert field in body["errors"]
    assert not ApiToken.objects.exists()


def test_it_takes_an_expiry_and_the_token_stops_working_after_it(owner):
    expires = timezone.now() + datetime.timedelta(days=1)
    response = api_client_for(owner).post(
        URL, {"name": "x", "scopes": ["read"], "expires_at": expires.isoformat()}, format="json"
    )
    secret = response.json()["secret"]
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))

    assert_problem(api_client_for(secret=secret).get("/api/v1/apis/"), 401)


def test_it_revokes_with_delete_and_the_token_stops_working(tokens, owner):
    token = tokens["payments"].token
    pipeline = api_client_for(secret=tokens["payments"].secret)
    assert pipeline.get("/api/v1/apis/").status_code == 200

    response = api_client_for(owner).delete(f"{URL}{token.pk}/")

    assert response.status_code == 204
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(action="token.revoke").count() == 1
    assert_problem(pipeline.get("/api/v1/apis/"), 401)
    # revoking again changes nothing
    assert api_client_for(owner).delete(f"{URL}{token.pk}/").status_code == 204
    assert AuditEvent.objects.filter(action="token.revoke").count() == 1


def test_it_lets_a_teammate_see_but_not_revoke_team_tokens(tokens, teammate):
    token = tokens["payments"].token
    client = api_client_for(teammate)

    row = client.get(f"{URL}{token.pk}/").json()
    assert row["can_revoke"] is False

    assert_problem(client.delete(f"{URL}{token.pk}/"), 403)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_it_hides_other_peoples_tokens(tokens, outsider):
    client = api_client_for(outsider)

    assert_problem(client.delete(f"{URL}{tokens['owner'].token.pk}/"), 404)
    assert_problem(client.get(f"{URL}{tokens['payments'].token.pk}/"), 404)


@pytest.mark.parametrize("count", [2, 12])
def test_it_lists_in_a_constant_number_of_queries(owner, team, count, django_assert_num_queries):
    for _ in range(count):
        issue(team=team)
        issue(user=owner)
    client = api_client_for(owner)

    # session, user, memberships (visible), owned teams (can_revoke), count, page
    with django_assert_num_queries(6):
        response = client.get(f"{URL}?page_size=50")
    assert len(response.json()["results"]) == 2 * count
