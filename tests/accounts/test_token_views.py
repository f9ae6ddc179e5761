"""The tokens page, persona by persona: list, create with the secret shown once, revoke."""

import re

import pytest
from django.urls import reverse

from accounts.models import ApiToken, Scope
from accounts.tokens import token_hash, token_issue
from catalog.models import AuditEvent
from catalog.services import Actor
from tests.conftest import client_for

LIST = reverse("token-list")


@pytest.fixture
def tokens(owner, teammate, outsider, team, other_team):
    def make(name, **owner_kwargs):
        return token_issue(actor=Actor.system("t"), name=name, scopes=["read"], **owner_kwargs)

    return {
        "owner": make("owner-laptop", user=owner),
        "outsider": make("outsider-laptop", user=outsider),
        "payments": make("payments-ci", team=team),
        "search": make("search-ci", team=other_team),
    }


def persona(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


def rows(response) -> list[str]:
    return re.findall(r'<th scope="row">([\w-]+) ', response.content.decode())


def test_it_sends_anonymous_visitors_to_sign_in(db):
    response = client_for(None).get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client_for(None).post(LIST, {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("owner", ["payments-ci", "owner-laptop"]),
        ("teammate", ["payments-ci"]),
        ("outsider", ["search-ci", "outsider-laptop"]),
        ("reviewer", []),
        ("admin_user", ["search-ci", "payments-ci"]),
    ],
)
def test_it_lists_ones_own_tokens_and_ones_teams_tokens(request, tokens, reviewer, name, expected):
    response = client_for(persona(request, name)).get(LIST)

    assert response.status_code == 200
    assert sorted(rows(response)) == sorted(expected)
    for issued in tokens.values():
        assert issued.secret not in response.content.decode()


def test_it_offers_revoke_only_where_it_is_allowed(tokens, owner, teammate):
    owner_page = client_for(owner).get(LIST).content.decode()
    teammate_page = client_for(teammate).get(LIST).content.decode()

    assert reverse("token-revoke", args=[tokens["payments"].token.pk]) in owner_page
    assert reverse("token-revoke", args=[tokens["payments"].token.pk]) not in teammate_page


def test_it_creates_a_personal_token_and_shows_the_secret_once(owner):
    client = client_for(owner)

    response = client.post(
        LIST, {"name": "laptop", "owner": "me", "scopes": ["read"], "expires_in": "30"}
    )

    assert response.status_code == 200
    token = ApiToken.objects.get()
    secret = re.search(r"<code>(ptk_[^<]+)</code>", response.content.decode()).group(1)
    assert token.key_hash == token_hash(secret)
    assert (token.user, token.team, token.scopes) == (owner, None, ["read"])
    assert token.expires_at is not None
    assert "will not be shown again" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert secret not in client.get(LIST).content.decode()
    assert AuditEvent.objects.get(action="token.issue").actor_label == "owner"


def test_it_lets_an_owner_create_a_team_token(owner, team):
    response = client_for(owner).post(
        LIST,
        {"name": "ci", "owner": "team:payments", "scopes": [Scope.WRITE_SPECS], "expires_in": ""},
    )

    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert (token.team, token.user, token.expires_at) == (team, None, None)


@pytest.mark.parametrize("name", ["teammate", "outsider", "reviewer"])
def test_it_refuses_team_tokens_to_non_owners(request, team, name):
    response = client_for(persona(request, name)).post(
        LIST, {"name": "ci", "owner": "team:payments", "scopes": ["read"]}
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_it_offers_only_teams_the_person_owns(owner, teammate, other_team):
    assert 'value="team:payments"' in client_for(owner).get(LIST).content.decode()
    assert 'value="team:payments"' not in client_for(teammate).get(LIST).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "owner": "me", "scopes": ["read"]},
        {"name": "x", "owner": "me", "scopes": []},
        {"name": "x", "owner": "me", "scopes": ["admin"]},
        {"name": "x" * 101, "owner": "me", "scopes": ["read"]},
    ],
)
def test_it_shows_form_errors_and_stores_nothing(owner, data):
    response = client_for(owner).post(LIST, data)

    assert response.status_code == 200
    assert "Please correct the errors below." in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("name", ["owner", "admin_user"])
def test_it_lets_team_owners_and_admins_revoke_a_team_token(request, tokens, name):
    token = tokens["payments"].token
    client = client_for(persona(request, name))
    url = reverse("token-revoke", args=[token.pk])

    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "cannot be undone" in confirm.content.decode()
    token.refresh_from_db()
    assert token.revoked_at is None  # a GET only asks

    response = client.post(url)

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in client.get(LIST).content.decode()


def test_it_lets_a_person_revoke_their_own_token(tokens, owner):
    client_for(owner).post(reverse("token-revoke", args=[tokens["owner"].token.pk]))

    assert ApiToken.objects.get(pk=tokens["owner"].token.pk).revoked_at is not None


@pytest.mark.parametrize(
    ("name", "token", "status"),
    [
        ("teammate", "payments", 403),
        ("outsider", "payments", 404),
        ("reviewer", "payments", 404),
        ("outsider", "owner", 404),
        ("admin_user", "owner", 404),
    ],
)
def test_it_refuses_to_revoke_tokens_of_others(request, tokens, name, token, status):
    target = tokens[token].token
    client = client_for(persona(request, name))
    url = reverse("token-revoke", args=[target.pk])

    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    target.refresh_from_db()
    assert target.revoked_at is None


@pytest.mark.parametrize("count", [2, 12])
def test_it_lists_in_a_constant_number_of_queries(owner, team, count, django_assert_num_queries):
    for number in range(count):
        token_issue(actor=Actor.of_user(owner), name=f"t{number}", scopes=["read"], team=team)
    client = client_for(owner)

    # session, user, memberships, owned teams, tokens, the form's teams
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert len(rows(response)) == count
