"""A team's lint scorecard: the team's score, each API's score and its trend over versions."""

import re

import pytest

from catalog.models import Api
from tests.conftest import client_for
from tests.factories import ApiFactory, TeamFactory, VersionFactory
from tests.governance.factories import LintRunFactory, SpecDocumentFactory

pytestmark = pytest.mark.django_db

URL = "/governance/teams/payments/scorecard/"


def linted(api, version: str, score: int | None, **counts):
    major, minor, patch = (int(part) for part in version.split("."))
    spec = SpecDocumentFactory()
    VersionFactory(api=api, version=version, major=major, minor=minor, patch=patch, spec=spec)
    if score is not None:
        LintRunFactory(spec=spec, score=score, **counts)
    return spec


@pytest.fixture
def scored(api, team):
    linted(api, "1.0.0", 60, errors=4)
    linted(api, "1.1.0", 75, errors=2, warnings=1)
    linted(api, "2.0.0", 90, warnings=3)
    Api.objects.filter(pk=api.pk).update(
        lint_status="warnings", lint_score=90, latest_version="2.0.0"
    )
    ledger = ApiFactory(team=team, slug="ledger", name="Ledger API")
    linted(ledger, "1.0.0", 40, errors=6)
    Api.objects.filter(pk=ledger.pk).update(lint_status="errors", lint_score=40)
    ApiFactory(team=team, slug="drafts", name="Drafts API")  # no version with a spec
    return api


@pytest.mark.parametrize("name", ["owner", "outsider", "reviewer"])
def test_it_shows_the_scorecard_to_anyone_who_reads_the_catalog(scored, request, name):
    assert client_for(request.getfixturevalue(name)).get(URL).status_code == 200


def test_it_sends_anonymous_visitors_to_sign_in_unless_the_catalog_is_open(scored, settings):
    settings.PORTAL_ANONYMOUS_READ = False
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    settings.PORTAL_ANONYMOUS_READ = True
    assert client_for(None).get(URL).status_code == 200


def test_it_answers_404_for_an_unknown_team(owner):
    assert client_for(owner).get("/governance/teams/nope/scorecard/").status_code == 404


def test_it_gives_the_team_score_and_each_api_lowest_first(owner, scored):
    html = client_for(owner).get(URL).content.decode()

    assert "Team score <strong>65</strong> out of 100" in html  # (90 + 40) / 2
    assert html.index("Ledger API") < html.index("Payments API") < html.index("Drafts API")
    assert "90/100" in html and "40/100" in html and "Not linted" in html


def test_it_draws_each_apis_trend_over_its_versions(owner, scored):
    html = client_for(owner).get(URL).content.decode()

    assert 'aria-label="Scores of Payments API by version: 1.0.0: 60, 1.1.0: 75, 2.0.0: 90"' in html
    assert re.search(r'<polyline points="4\.0,[\d.]+ 80\.0,[\d.]+ 156\.0,[\d.]+"', html)
    assert "Up 15" in html  # 75 to 90
    assert 'href="/governance/apis/payments/versions/1.1.0/lint/"' in html
    assert "style=" not in html


def test_it_says_down_when_the_score_fell_and_skips_unlinted_versions(owner, api):
    linted(api, "1.0.0", 80)
    linted(api, "1.1.0", None)
    linted(api, "1.2.0", 70)
    Api.objects.filter(pk=api.pk).update(lint_status="warnings", lint_score=70)

    html = client_for(owner).get(URL).content.decode()

    assert "Down 10" in html
    assert "1.0.0: 80, 1.2.0: 70" in html and html.count("<circle") == 2


def test_it_says_when_the_team_has_no_apis_or_no_scores(owner, team):
    html = client_for(owner).get(URL).content.decode()
    assert "None of the team's APIs has been linted yet." in html
    assert "owns no APIs yet" in html


def test_it_is_linked_from_the_team_page(owner, team):
    html = client_for(owner).get("/teams/payments/").content.decode()
    assert f'href="{URL}"' in html


@pytest.mark.parametrize("apis", [1, 5])
def test_it_reads_the_scorecard_in_a_constant_number_of_queries(
    owner, team, apis, django_assert_num_queries
):
    for number in range(apis):
        api = ApiFactory(team=team, slug=f"api-{number}")
        linted(api, "1.0.0", 50)
        linted(api, "1.1.0", 70)
    TeamFactory(slug="other")
    client = client_for(owner)

    with django_assert_num_queries(5):  # session, user, team, its APIs, their versions' scores
        client.get(URL)
