"""Handing an API to another team from its page: only to a team the editor also edits,
audited, and the old team's members edit it no more."""

import pytest

from catalog.models import AuditEvent, Membership
from tests.conftest import client_for
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_both(owner, other_team):
    """The owner of Payments, also a member of Search."""
    MembershipFactory(team=other_team, user=owner, role=Membership.Role.MEMBER)
    return owner


def test_a_member_of_both_teams_moves_the_api(api, team, in_both, other_team, teammate):
    client = client_for(in_both)
    assert "Move to another team" in client.get("/apis/payments/").content.decode()

    response = client.post("/apis/payments/move/", {"team": other_team.pk})

    assert response.status_code == 302
    api.refresh_from_db()
    assert api.team == other_team
    event = AuditEvent.objects.get(action="api.update")
    assert (event.before["team"], event.after["team"]) == (team.pk, other_team.pk)
    assert client_for(teammate).get("/apis/payments/edit/").status_code == 403


def test_a_member_of_one_team_is_not_offered_a_move(api, owner):
    assert "Move to another team" not in client_for(owner).get("/apis/payments/").content.decode()


def test_it_refuses_a_team_the_editor_is_not_in(api, owner, other_team):
    response = client_for(owner).post("/apis/payments/move/", {"team": other_team.pk})

    assert response.status_code == 400
    assert "team" in response.context["form"].errors
    api.refresh_from_db()
    assert api.team.slug == "payments"


def test_outsiders_may_not_move_it(api, outsider, other_team):
    response = client_for(outsider).post("/apis/payments/move/", {"team": other_team.pk})
    assert response.status_code == 403
    api.refresh_from_db()
    assert api.team.slug == "payments"


def test_an_admin_moves_it_to_any_team(api, admin_user, other_team):
    response = client_for(admin_user).post("/apis/payments/move/", {"team": other_team.pk})
    assert response.status_code == 302
    api.refresh_from_db()
    assert api.team == other_team
