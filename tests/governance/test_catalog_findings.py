"""Findings across the catalog: the rules the APIs' current versions break, and where."""

import pytest
from rest_framework.test import APIClient

from governance import selectors
from governance.models import LintRun
from tests.api.conftest import api_client_for, assert_problem
from tests.conftest import client_for
from tests.factories import ApiFactory, VersionFactory
from tests.governance.factories import LintFindingFactory, LintRunFactory, SpecDocumentFactory

pytestmark = pytest.mark.django_db


def linted(api, number: str, findings: dict[str, tuple[int, int]], **run_fields):
    """A version of `api` with a spec and a run with `findings`: code -> (severity, count)."""
    major, minor, patch = (int(part) for part in number.split("."))
    version = VersionFactory(
        api=api, version=number, major=major, minor=minor, patch=patch, spec=SpecDocumentFactory()
    )
    run = LintRunFactory(spec=version.spec, **run_fields)
    for code, (severity, count) in findings.items():
        for _ in range(count):
            LintFindingFactory(run=run, code=code, severity=severity)
    return version


@pytest.fixture
def catalog(team, other_team):
    orders = ApiFactory(team=team, slug="orders", name="Orders API")
    linted(orders, "1.0.0", {"old-rule": (0, 3)})  # an older version: not what counts
    current = linted(orders, "1.1.0", {"stale-rule": (0, 9)})
    # A re-lint with other rules: its result replaces the first.
    newest_run = LintRunFactory(spec=current.spec, builtin="spectral:oas")
    for code, severity, count in (("rule-a", 0, 2), ("rule-b", 1, 1)):
        for _ in range(count):
            LintFindingFactory(run=newest_run, code=code, severity=severity)
    queued = {"status": LintRun.Status.QUEUED, "engine_version": "next"}
    LintRunFactory(spec=current.spec, **queued)  # not finished: not shown yet

    search = ApiFactory(team=other_team, slug="search", name="Search API")
    linted(search, "2.0.0", {"rule-b": (1, 2)})
    broken = ApiFactory(team=other_team, slug="broken", name="Broken API")
    linted(broken, "1.0.0", {"rule-a": (0, 5)}, status=LintRun.Status.FAILED)
    VersionFactory(api=ApiFactory(team=other_team, slug="bare"), version="1.0.0")  # no spec
    return {"orders": orders, "search": search}


def summary(report) -> list[tuple]:
    return [
        (rule["code"], rule["severity"], rule["findings"])
        + tuple((item["version"].api.slug, item["count"]) for item in rule["apis"])
        for rule in report["rules"]
    ]


def test_it_counts_each_apis_current_result_by_rule_worst_first(catalog):
    report = selectors.catalog_findings_by_rule()

    assert summary(report) == [
        ("rule-a", 0, 2, ("orders", 2)),
        ("rule-b", 1, 3, ("search", 2), ("orders", 1)),
    ]
    assert (report["linted"], report["with_findings"]) == (2, 2)  # a failed lint is not a result


def test_it_keeps_to_one_team_when_asked(catalog, team):
    report = selectors.catalog_findings_by_rule(team)

    assert summary(report) == [("rule-a", 0, 2, ("orders", 2)), ("rule-b", 1, 1, ("orders", 1))]
    assert (report["linted"], report["with_findings"]) == (1, 1)


def test_it_shows_the_rules_with_links_to_the_findings(catalog, owner, other_team):
    html = client_for(owner).get("/governance/findings/").content.decode()

    assert "2 APIs linted; 2 with findings." in html
    assert '<a href="/governance/apis/search/versions/2.0.0/lint/?code=rule-b">' in html
    assert html.index("<code>rule-a</code>") < html.index("<code>rule-b</code>")

    html = client_for(owner).get(f"/governance/findings/?team={other_team.slug}").content.decode()
    assert "1 API linted in Search; 1 with findings." in html
    assert "rule-a" not in html

    html = client_for(owner).get("/governance/findings/?team=nobody").content.decode()
    assert "There is no team “nobody”: every team is shown." in html
    assert "2 APIs linted; 2 with findings." in html


def test_it_says_so_when_nothing_is_broken(owner):
    html = client_for(owner).get("/governance/findings/").content.decode()
    assert "No findings: every API linted follows the rules that govern it." in html


def test_it_reads_the_page_in_a_fixed_number_of_queries(
    catalog, owner, other_team, django_assert_max_num_queries
):
    client = client_for(owner)
    client.get("/governance/findings/")  # warm up (sessions, content types)
    with django_assert_max_num_queries(12) as few:
        assert client.get("/governance/findings/").status_code == 200
    for n in range(12):
        api = ApiFactory(team=other_team, slug=f"more-{n}", name=f"More {n}")
        linted(api, "1.0.0", {"rule-b": (1, 1), f"rule-{n}": (2, 1)})
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/governance/findings/").status_code == 200


def test_it_serves_the_same_report_over_rest(catalog, owner):
    client = api_client_for(owner)
    body = client.get("/api/v1/findings").json()

    assert (body["linted"], body["with_findings"]) == (2, 2)
    assert [(rule["code"], rule["severity"], rule["findings"]) for rule in body["rules"]] == [
        ("rule-a", 0, 2),
        ("rule-b", 1, 3),
    ]
    assert body["rules"][1]["apis"][0] == {
        "api": "search",
        "name": "Search API",
        "team": "search",
        "version": "2.0.0",
        "findings": 2,
        "web_url": "http://testserver/governance/apis/search/versions/2.0.0/lint/?code=rule-b",
    }
    mine = client.get("/api/v1/findings?team=payments").json()
    assert [rule["findings"] for rule in mine["rules"]] == [2, 1]


def test_it_answers_an_unknown_team_with_a_problem(owner):
    body = assert_problem(api_client_for(owner).get("/api/v1/findings?team=nobody"), 400)
    assert "There is no team 'nobody'." in str(body)


def test_it_keeps_the_report_from_anonymous_callers(catalog):
    assert_problem(APIClient().get("/api/v1/findings"), 401)


def test_it_lists_every_api_breaking_a_rule_a_page_at_a_time(catalog, owner, other_team):
    for n in range(55):
        linted(
            ApiFactory(team=other_team, slug=f"more-{n}", name=f"More {n:02}"),
            "1.0.0",
            {"rule-b": (1, 1), "team/rule": (2, 1)},
        )
    client = client_for(owner)

    overview = client.get("/governance/findings/").content.decode()
    assert '<a href="/governance/findings/rule-b/">and 52 more APIs</a>' in overview
    page = client.get("/governance/findings/rule-b/")
    assert page.status_code == 200
    names = [item["version"].api.name for item in page.context["page_obj"].object_list]
    assert len(names) == 50 and names[:2] == ["Search API", "More 00"]
    assert "Page 1 of 2" in page.content.decode()
    second = client.get("/governance/findings/rule-b/?page=2").context["page_obj"].object_list
    assert [item["version"].api.name for item in second][-1] == "Orders API"
    assert client.get("/governance/findings/team/rule/").context["rule"]["findings"] == 55

    fixed = client.get("/governance/findings/no-such-rule/")  # a bookmark, say
    assert fixed.status_code == 200
    assert "No API breaks this rule in its current lint result." in fixed.content.decode()
    mine = client.get("/governance/findings/rule-b/?team=payments").content.decode()
    assert "1 finding in 1 API of Payments" in mine
    nothing = client.get("/governance/findings/rule-a/?team=search").content.decode()
    assert "No API of Search breaks this rule in its current lint result." in nothing
