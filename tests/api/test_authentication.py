"""Bearer tokens: who a token is, what it may read and write."""

import pytest

from accounts.access import Principal
from accounts.models import ApiToken, Scope
from accounts.tokens import token_hash
from catalog.models import AuditEvent
from tests.api.conftest import api_client_for, assert_problem, issue


def test_it_takes_the_scheme_in_any_case(api, team):
    client = api_client_for()
    client.credentials(HTTP_AUTHORIZATION=f"bearer {issue(team=team)}")

    assert client.get("/api/v1/apis/").status_code == 200


def test_it_lets_a_personal_token_act_as_its_person(api, owner):
    client = api_client_for(secret=issue(user=owner))

    response = client.patch("/api/v1/apis/payments/", {"summary": "mine"}, format="json")

    assert response.status_code == 200
    event = AuditEvent.objects.get(action="api.update")
    assert event.actor == owner
    assert event.actor_label == "token ci (user owner)"


def test_it_limits_a_personal_token_to_its_scopes(api, owner):
    client = api_client_for(secret=issue(user=owner, scopes=[Scope.READ]))

    assert client.get("/api/v1/apis/payments/").status_code == 200
    assert_problem(client.patch("/api/v1/apis/payments/", {"summary": "x"}, format="json"), 403)


def test_it_refuses_the_token_of_an_inactive_person(api, owner):
    client = api_client_for(secret=issue(user=owner))
    owner.is_active = False
    owner.save()

    body = assert_problem(client.get("/api/v1/apis/"), 401)
    assert "inactive" in body["detail"]


def test_it_records_when_a_token_was_last_used(api, team):
    secret = issue(team=team)
    assert ApiToken.objects.get().last_used_at is None

    api_client_for(secret=secret).get("/api/v1/apis/")

    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize("scopes", [[Scope.READ], [Scope.WRITE_SPECS]])
def test_it_lets_a_team_token_read_with_either_scope(api, team, scopes):
    client = api_client_for(secret=issue(team=team, scopes=scopes))

    assert client.get("/api/v1/apis/payments/").status_code == 200


def test_it_does_not_make_a_reviewers_token_a_reviewer(reviewer):
    token = ApiToken.objects.get(key_hash=token_hash(issue(user=reviewer)))

    assert Principal(user=reviewer).is_reviewer
    assert not Principal(user=reviewer, token=token).is_reviewer
