"""GET /api/v1/apis/{slug}/versions/{version}/lint: the run and its findings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import api_client_for, assert_problem
from tests.factories import VersionFactory
from tests.governance.factories import LintFindingFactory, LintRunFactory, RulesetRevisionFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/apis/payments/versions/1.0.0/lint"


@pytest.fixture
def run(version):
    run = LintRunFactory(spec=version.spec, errors=1, warnings=2, infos=1, score=83)
    LintFindingFactory(run=run, code="oas3-schema", severity=0, start_line=9, is_new=False)
    LintFindingFactory(run=run, code="info-contact", severity=1, start_line=1, path=["info"])
    LintFindingFactory(run=run, code="operation-tags", severity=1, start_line=5)
    LintFindingFactory(run=run, code="tag-description", severity=2, start_line=2)
    return run


def test_it_returns_the_run_and_its_findings_worst_first(run, owner):
    body = api_client_for(owner).get(URL).json()

    assert body["run"]["status"] == "done"
    assert body["run"]["spec"] == run.spec.sha256
    assert body["run"]["ruleset"] == "portal:recommended"
    assert (body["run"]["errors"], body["run"]["warnings"], body["run"]["score"]) == (1, 2, 83)
    assert body["count"] == 4
    assert [f["code"] for f in body["results"]] == [
        "oas3-schema",
        "info-contact",
        "operation-tags",
        "tag-description",
    ]
    first = body["results"][0]
    assert first["range"] == {
        "start": {"line": 9, "character": 4},
        "end": {"line": 6, "character": 20},
    }
    assert first["is_new"] is False
    assert first["path"] == ["paths", "/pets", "get"]


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("severity=error", {"oas3-schema"}),
        ("severity=warn&severity=info", {"info-contact", "operation-tags", "tag-description"}),
        ("code=info-contact&code=oas3-schema", {"info-contact", "oas3-schema"}),
        ("new=false", {"oas3-schema"}),
        ("new=true&severity=warn", {"info-contact", "operation-tags"}),
    ],
)
def test_it_filters_findings(run, owner, query, codes):
    body = api_client_for(owner).get(f"{URL}?{query}").json()
    assert {f["code"] for f in body["results"]} == codes


def test_it_refuses_an_unknown_severity(run, owner):
    body = assert_problem(api_client_for(owner).get(f"{URL}?severity=fatal"), 400)
    assert "severity" in body["errors"]


def test_it_names_the_ruleset_revision(version, owner):
    revision = RulesetRevisionFactory(ruleset__slug="house", number=3)
    LintRunFactory(spec=version.spec, revision=revision, builtin="")
    body = api_client_for(owner).get(URL).json()
    assert (body["run"]["ruleset"], body["run"]["revision"]) == ("house", 3)


def test_it_answers_404_for_a_version_not_linted_or_unknown(api, owner):
    VersionFactory(api=api, version="2.0.0", major=2)
    client = api_client_for(owner)
    body = assert_problem(client.get("/api/v1/apis/payments/versions/2.0.0/lint"), 404)
    assert "not been linted" in body["detail"]
    assert_problem(client.get("/api/v1/apis/payments/versions/9.9.9/lint"), 404)


def test_it_reads_findings_in_a_constant_number_of_queries(run, owner):
    client = api_client_for(owner)
    with CaptureQueriesContext(connection) as few:
        client.get(f"{URL}?page_size=2")
    for n in range(40):
        LintFindingFactory(run=run, start_line=100 + n)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(f"{URL}?page_size=40").json()["results"]) == 40
    assert len(many) == len(few)
