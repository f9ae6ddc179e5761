"""A version's lint findings: the page, the section the version page loads, its states,
filters, pages, rule documentation links and access."""

import json
import re

import pytest

from catalog.models import SpecDocument
from governance import selectors
from governance.models import LintRun
from tests.conftest import client_for
from tests.governance.factories import LintFindingFactory, LintRunFactory

pytestmark = pytest.mark.django_db

URL = "/governance/apis/payments/versions/1.0.0/lint/"
SECTION = {"HX-Request": "true", "HX-Target": "lint"}
SPECTRAL_DOCS = "https://docs.stoplight.io/docs/spectral/4dec24461f3af-open-api-rules#info-contact"
SOURCE = "\n".join(f"line {number}" for number in range(1, 201)).encode()


@pytest.fixture
def run(version):
    SpecDocument.objects.filter(pk=version.spec_id).update(content=SOURCE)
    return LintRunFactory(spec=version.spec, errors=1, warnings=2, score=84)


@pytest.fixture
def findings(run):
    return [
        LintFindingFactory(
            run=run,
            code="portal-operation-id",
            severity=0,
            message="Operation must have an operationId.",
            start_line=9,
            end_line=9,
            documentation_url="docs/rules.md#portal-operation-id",
            is_new=True,
        ),
        LintFindingFactory(
            run=run,
            code="info-contact",
            severity=1,
            message="Info object must have a contact.",
            start_line=1,
            end_line=1,
            documentation_url=SPECTRAL_DOCS,
            is_new=False,
        ),
        LintFindingFactory(
            run=run,
            code="house-naming",
            severity=1,
            message="Paths are kebab-case.",
            start_line=40,
            end_line=41,
            documentation_url="javascript:alert(1)",
            is_new=True,
        ),
    ]


def text(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("name", ["owner", "outsider", "reviewer", "admin_user"])
def test_it_shows_the_findings_to_anyone_who_reads_the_catalog(findings, request, name):
    response = client_for(request.getfixturevalue(name)).get(URL)

    assert response.status_code == 200
    assert "Operation must have an operationId." in text(response)


def test_it_sends_anonymous_visitors_to_sign_in_unless_the_catalog_is_open(findings, settings):
    settings.PORTAL_ANONYMOUS_READ = False
    response = client_for(None).get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    htmx = client_for(None).get(URL, headers=SECTION)
    assert htmx.status_code == 200 and "/accounts/login/" in htmx["HX-Redirect"]

    settings.PORTAL_ANONYMOUS_READ = True
    assert client_for(None).get(URL).status_code == 200


def test_it_answers_404_for_an_unknown_version(owner, version):
    client = client_for(owner)
    assert client.get("/governance/apis/payments/versions/9.9.9/lint/").status_code == 404
    assert client.get("/governance/apis/nope/versions/1.0.0/lint/").status_code == 404


def test_it_groups_findings_by_severity_and_rule_with_the_source_around_each(owner, findings):
    html = text(client_for(owner).get(URL))

    assert "Score <strong>84</strong> out of 100" in html
    assert html.index("<h4>Error</h4>") < html.index("<h4>Warning</h4>")
    assert html.index("portal-operation-id") < html.index("info-contact")
    # The excerpt: two lines either side, the finding's line marked (1-based numbers).
    assert "<mark>   10  line 10\n</mark>" in html
    assert "    8  line 8\n" in html and "   12  line 12\n" in html
    assert "Line 41 to 42" in html
    assert "New</span>" in html and "Inherited</span>" in html
    assert "2 new in this version" in html


def test_it_links_each_rule_to_its_documentation_and_never_to_other_schemes(owner, findings):
    html = text(client_for(owner).get(URL))

    assert 'href="/governance/rules/portal-operation-id/"' in html
    assert f'href="{SPECTRAL_DOCS}"' in html
    assert "javascript:" not in html
    assert "None given" in html  # the custom rule without a web address


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("severity=error", ["operationId."], ["a contact.", "kebab-case"]),
        ("severity=warn", ["a contact.", "kebab-case"], ["operationId."]),
        ("code=info-contact", ["a contact."], ["operationId.", "kebab-case"]),
        ("new=true", ["operationId.", "kebab-case"], ["a contact."]),
        ("new=false", ["a contact."], ["operationId.", "kebab-case"]),
        ("severity=warn&new=true", ["kebab-case"], ["operationId.", "a contact."]),
        # As the form sends "any": empty values.
        ("severity=error&code=&new=", ["operationId."], ["a contact.", "kebab-case"]),
        ("severity=&code=&new=", ["operationId.", "a contact.", "kebab-case"], []),
    ],
)
def test_it_filters_by_severity_rule_and_new_or_inherited(owner, findings, query, shown, hidden):
    html = text(client_for(owner).get(f"{URL}?{query}", headers=SECTION))
    listed = html[html.index('id="lint-findings-title"') :]

    for message in shown:
        assert message in listed
    for message in hidden:
        assert message not in listed


def test_it_says_when_no_finding_matches_and_ignores_filters_it_does_not_know(owner, findings):
    client = client_for(owner)

    assert "No findings match these filters." in text(client.get(f"{URL}?code=unknown-rule"))
    html = text(client.get(f"{URL}?severity=fatal"))
    assert "Some filters were not understood" in html
    assert "3 findings" in html


def test_it_pages_through_thousands_of_findings(owner, run):
    LintFindingFactory.create_batch(120, run=run, start_line=5, end_line=5)
    client = client_for(owner)

    first = text(client.get(URL))
    last = text(client.get(f"{URL}?page=3", headers=SECTION))

    assert "Page 1 of 3" in first and first.count('class="finding ') == 50
    assert last.count('class="finding ') == 20 and "101 to 120 shown" in last
    assert 'href="/governance/apis/payments/versions/1.0.0/lint/?page=2"' in last


def test_it_answers_htmx_with_the_section_only(owner, findings):
    client = client_for(owner)

    section = text(client.get(URL, headers=SECTION))
    boosted = text(client.get(URL, headers={**SECTION, "HX-Boosted": "true"}))

    assert section.lstrip().startswith("<section") and "<html" not in section
    assert "<html" in boosted
    assert client.get(URL, headers=SECTION)["Vary"].count("HX-Request") == 1


@pytest.mark.parametrize(
    ("status", "words"),
    [("queued", "Queued for linting"), ("running", "Linting with portal:recommended")],
)
def test_it_polls_while_the_run_is_unfinished(owner, version, status, words):
    LintRunFactory(spec=version.spec, status=status, score=None)

    html = text(client_for(owner).get(URL, headers=SECTION))

    assert words in html and 'hx-trigger="every 2s"' in html and "<progress" in html


def test_it_polls_while_the_spec_is_parsed_and_stops_once_linted(owner, version):
    SpecDocument.objects.filter(pk=version.spec_id).update(status="processing")
    client = client_for(owner)
    assert "Linting starts once the spec is read" in text(client.get(URL, headers=SECTION))

    SpecDocument.objects.filter(pk=version.spec_id).update(status="ready")
    LintRunFactory(spec=version.spec)
    html = text(client.get(URL, headers=SECTION))

    assert "hx-trigger" not in html
    assert "No findings: the spec follows every rule of portal:recommended." in html


def test_it_keeps_the_last_result_visible_during_a_relint(owner, findings, run):
    LintRunFactory(spec=run.spec, builtin="spectral:oas", status="queued", score=None)

    html = text(client_for(owner).get(f"{URL}?severity=error", headers=SECTION))

    assert "A re-lint is under way" in html and "Operation must have an operationId." in html
    # Not the whole section: a small poll that asks whether the re-lint is over.
    assert 'hx-trigger="every 2s"' not in html
    assert f'hx-get="{URL}?severity=error&amp;waiting=1" hx-trigger="every 3s"' in html


def test_it_answers_the_relint_poll_with_nothing_until_the_relint_is_over(
    owner, findings, run, django_assert_num_queries
):
    relint = LintRunFactory(spec=run.spec, builtin="spectral:oas", status="running", score=None)
    client = client_for(owner)

    with django_assert_num_queries(6):  # session, user, version, spec, run, re-lint under way?
        response = client.get(f"{URL}?severity=error&waiting=1", headers=SECTION)
    assert response.status_code == 204 and response.content == b""

    LintRun.objects.filter(pk=relint.pk).update(status="done", score=100)
    html = text(client.get(f"{URL}?severity=error&waiting=1", headers=SECTION))
    assert "No findings: the spec follows every rule of spectral:oas." in html
    assert "waiting" not in html and "hx-trigger" not in html


def test_it_gives_the_reason_of_a_failed_run(owner, version):
    LintRunFactory(
        spec=version.spec, status=LintRun.Status.FAILED, score=None, error="took over 60 s"
    )

    html = text(client_for(owner).get(URL))

    assert "failed: took over 60 s" in html and "hx-trigger" not in html


def test_it_says_when_there_is_nothing_to_lint(owner, api):
    from tests.factories import VersionFactory

    VersionFactory(api=api, version="2.0.0", major=2)
    html = text(client_for(owner).get("/governance/apis/payments/versions/2.0.0/lint/"))
    assert "has no spec document yet" in html

    failed = VersionFactory(api=api, version="3.0.0", major=3)
    from tests.governance.factories import SpecDocumentFactory

    failed.spec = SpecDocumentFactory(status="failed")
    failed.save()
    html = text(client_for(owner).get("/governance/apis/payments/versions/3.0.0/lint/"))
    assert "could not be read, so it was not linted" in html


def test_it_loads_the_section_on_the_version_page_with_a_link_for_no_javascript(owner, findings):
    html = text(client_for(owner).get("/apis/payments/versions/1.0.0/"))

    assert re.search(
        r'<section id="lint"[^>]*hx-get="/governance/apis/payments/versions/1\.0\.0/lint/"', html
    )
    assert 'hx-trigger="load"' in html
    assert '<a href="/governance/apis/payments/versions/1.0.0/lint/">' in html


@pytest.mark.parametrize("count", [1, 120])
def test_it_reads_the_findings_in_a_constant_number_of_queries(
    owner, run, count, django_assert_num_queries
):
    LintFindingFactory.create_batch(count, run=run, code="info-contact")
    LintFindingFactory.create_batch(count, run=run, code="operation-tags", severity=0)
    client = client_for(owner)

    # session, user, version, its spec, the run, a re-lint under way?, counts per rule,
    # the count of the filtered findings, their page, the document for the excerpts
    with django_assert_num_queries(10):
        client.get(URL)
    with django_assert_num_queries(10):
        client.get(f"{URL}?severity=warn&new=true&page=2", headers=SECTION)


def test_it_renders_no_inline_script_or_style(owner, findings):
    html = text(client_for(owner).get(URL))

    assert "style=" not in html
    assert re.findall(r"<script(?![^>]*\bnonce=)[^>]*>", html) == []


def excerpt(version, content: bytes, **place) -> list[tuple[int, str, bool]]:
    SpecDocument.objects.filter(pk=version.spec_id).update(content=content)
    run = LintRunFactory(spec=version.spec)
    finding = LintFindingFactory(run=run, **place)
    return dict(selectors.source_excerpts(run, [finding]))[finding]


def test_it_numbers_source_lines_as_the_engine_does(version):
    # U+2028 inside a string, a byte order mark and CRLF endings: lines end at "\n" only.
    content = '\ufeff{\r\n  "a": "x\u2028y",\r\n  "b": 1\r\n}\r\n'.encode()

    lines = excerpt(version, content, start_line=2, end_line=2)

    assert lines == [
        (1, "{", False),
        (2, '  "a": "x\u2028y",', False),
        (3, '  "b": 1', True),
        (4, "}", False),
        (5, "", False),
    ]
    assert lines[0][1] == "{"  # no byte order mark


def test_it_shows_the_start_of_a_finding_over_many_lines_and_cuts_long_lines(version):
    content = b"\n".join([b"x" * 900, *(f"line {n}".encode() for n in range(2, 2001))])

    lines = excerpt(version, content, start_line=0, end_line=1999)

    assert [number for number, _, _ in lines] == list(range(1, 9))
    assert lines[0] == (1, "x" * 500, True)


def test_it_downloads_the_findings_as_spectral_json_and_sarif(owner, findings, version):
    client = client_for(owner)
    assert f'href="{URL}download/sarif/" download>as SARIF</a>' in text(client.get(URL))

    response = client.get(f"{URL}download/json/")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="payments-1.0.0-lint.json"'
    body = json.loads(response.content)
    assert [(f["code"], f["severity"], f["range"]["start"]["line"]) for f in body] == [
        ("portal-operation-id", 0, 9),
        ("info-contact", 1, 1),
        ("house-naming", 1, 40),
    ]
    assert body[0]["source"] == version.spec.filename

    sarif = json.loads(client.get(f"{URL}download/sarif/").content)
    [run] = sarif["runs"]
    assert [(r["ruleId"], r["level"]) for r in run["results"]] == [
        ("portal-operation-id", "error"),
        ("info-contact", "warning"),
        ("house-naming", "warning"),
    ]
    region = run["results"][2]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["endLine"]) == (41, 42)  # 1-based in SARIF


def test_it_downloads_nothing_without_a_finished_lint(owner, version, run):
    client = client_for(owner)
    assert client.get(f"{URL}download/xml/").status_code == 404
    LintRun.objects.filter(pk=run.pk).update(status=LintRun.Status.QUEUED)
    assert client.get(f"{URL}download/json/").status_code == 404
    assert (
        client.get("/governance/apis/payments/versions/9.9.9/lint/download/json/").status_code
        == 404
    )
