"""Teams, a team's page, and the signed-in person's APIs."""

import pytest

from catalog.models import Membership
from tests.conftest import client_for
from tests.factories import ApiFactory, MembershipFactory, TeamFactory, UserFactory


def test_it_lists_teams_with_their_api_counts(outsider, api, team, other_team):
    ApiFactory(team=team)

    response = client_for(outsider).get("/teams/")

    counts = {t.name: t.api_count for t in response.context["teams"]}
    assert counts == {"Payments": 2, "Search": 0}
    assert '<a href="/teams/payments/">Payments</a>' in response.content.decode()


def test_it_lists_each_teams_lint_score_and_apis_with_errors(outsider, api, team, other_team):
    ApiFactory(team=team, lint_status="errors", lint_score=64)
    ApiFactory(team=team, lint_status="clean", lint_score=100)
    api.lint_status, api.lint_score = "warnings", 91
    api.save()
    ApiFactory(team=team)  # not linted: not in the mean

    response = client_for(outsider).get("/teams/")

    scores = {t.name: (t.lint_score, t.apis_with_errors) for t in response.context["teams"]}
    assert scores == {"Payments": (85, 1), "Search": (None, 0)}
    html = response.content.decode()
    assert 'aria-label="Lint scorecard of Payments: 85 out of 100">85</a>' in html
    assert "· 1 API with errors" in html and "Not linted" in html


def test_it_shows_a_team_with_contacts_members_and_apis(outsider, owner, teammate, api, team):
    team.chat_channel, team.oncall_url = "#payments", "https://oncall.example.com/payments"
    team.save()

    html = client_for(outsider).get("/teams/payments/").content.decode()

    assert '<a href="mailto:payments@example.com">' in html
    assert "#payments" in html and '<a href="https://oncall.example.com/payments">' in html
    assert html.index("owner <span") < html.index("teammate <span")  # owners first
    assert 'class="badge role-owner">Owner<' in html
    assert 'class="badge role-member">Member<' in html
    assert '<a href="/apis/payments/">Payments API</a>' in html


def test_it_says_when_a_team_owns_no_apis(outsider, other_team):
    assert "Search owns no APIs yet." in client_for(outsider).get("/teams/search/").content.decode()


def test_it_lists_the_apis_of_my_teams_grouped_by_team(teammate, api, other_team):
    mine_elsewhere = TeamFactory(name="Cards", slug="cards")
    MembershipFactory(team=mine_elsewhere, user=teammate, role=Membership.Role.OWNER)
    ApiFactory(team=mine_elsewhere, slug="cards", name="Cards API")
    ApiFactory(team=other_team, slug="search", name="Search API")

    response = client_for(teammate).get("/me/apis/")
    html = response.content.decode()

    assert [a.name for a in response.context["apis"]] == ["Cards API", "Payments API"]
    assert "Search API" not in html
    assert html.index('id="team-cards"') < html.index('id="team-payments"')


def test_it_has_an_empty_state_for_someone_without_a_team(db):
    html = client_for(UserFactory(username="newcomer")).get("/me/apis/").content.decode()
    assert "You are not in a team that owns APIs." in html


def test_it_links_my_apis_in_the_navigation_only_when_signed_in(owner, client, anonymous_read):
    assert 'href="/me/apis/"' in client_for(owner).get("/teams/").content.decode()
    html = client.get("/teams/").content.decode()
    assert 'href="/teams/" aria-current="page">Teams<' in html
    assert 'href="/me/apis/"' not in html


@pytest.mark.parametrize("teams", [1, 6])
def test_it_reads_the_team_pages_in_a_constant_number_of_queries(
    outsider, teams, django_assert_num_queries
):
    for number in range(teams):
        team = TeamFactory(slug=f"t{number}")
        MembershipFactory(team=team)
        MembershipFactory(team=team, user=outsider)
        ApiFactory(team=team)
    client = client_for(outsider)

    with django_assert_num_queries(3):  # session, user, teams with counts
        client.get("/teams/")
    with django_assert_num_queries(5):  # session, user, team, its members, its APIs
        client.get("/teams/t0/")
    with django_assert_num_queries(3):  # session, user, my APIs
        client.get("/me/apis/")
