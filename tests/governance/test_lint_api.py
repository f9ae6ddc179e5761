"""POST /api/v1/lint (a document linted without storing it) and the rulesets API."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import Scope
from catalog.models import SpecDocument
from governance.models import LintJob, LintRun, Ruleset
from tests.api.conftest import api_client_for, assert_problem, issue
from tests.callbacks import queued_tasks
from tests.governance.test_rulesets import BAD, GOOD

pytestmark = pytest.mark.django_db

PETS = b"""openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      responses: {'200': {description: ok}}
"""


@pytest.fixture
def house(reviewer):
    response = api_client_for(reviewer).post(
        "/api/v1/rulesets/", {"name": "House", "source": GOOD}, format="json"
    )
    assert response.status_code == 201, response.content
    return Ruleset.objects.get(slug="house")


def test_it_lints_a_small_document_at_once_in_spectrals_shape(owner):
    response = api_client_for(owner).post(
        "/api/v1/lint?filename=pets.yaml", PETS, content_type="application/yaml"
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["ruleset"] == "portal:recommended" and body["format"] == "oas3.0"
    assert body["readable"] is True and body["findings"]
    finding = body["findings"][0]
    assert set(finding) >= {"code", "path", "message", "severity", "range", "source"}
    assert finding["source"] == "pets.yaml"
    assert body["counts"]["errors"] + body["counts"]["warnings"] >= 1
    assert not SpecDocument.objects.exists() and not LintRun.objects.exists()


def test_it_lints_with_a_named_ruleset_or_an_apis(owner, house, api, reviewer):
    client = api_client_for(owner)
    body = client.post("/api/v1/lint?ruleset=house", PETS, content_type="application/yaml").json()
    assert body["ruleset"] == "House r1"
    assert [f["code"] for f in body["findings"]] == ["info-contact"]

    api_client_for(reviewer).post(
        "/api/v1/ruleset-assignments/", {"ruleset": "house", "team": "payments"}, format="json"
    )
    body = client.post("/api/v1/lint?api=payments", PETS, content_type="application/yaml").json()
    assert body["ruleset"] == "House r1"


def test_it_takes_a_multipart_file_and_a_team_token(team):
    client = api_client_for(secret=issue(team=team, scopes=[Scope.READ]))
    upload = SimpleUploadedFile("pets.yaml", PETS, content_type="application/yaml")
    response = client.post(
        "/api/v1/lint?ruleset=spectral:oas", {"file": upload}, format="multipart"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["ruleset"] == "spectral:oas"
    assert {finding["source"] for finding in body["findings"]} == {"pets.yaml"}


def test_it_reports_an_unreadable_document_as_a_parser_finding(owner):
    response = api_client_for(owner).post(
        "/api/v1/lint", b"openapi: [unclosed", content_type="application/yaml"
    )
    body = response.json()
    assert body["readable"] is False and body["score"] is None
    assert body["findings"][0]["code"] == "parser"


def test_it_says_when_a_document_is_not_of_the_rulesets_formats(owner):
    # An AsyncAPI document under OpenAPI rules: Spectral's warning, not a clean bill.
    asyncapi = b"asyncapi: 2.6.0\ninfo: {title: Events, version: 1.0.0}\nchannels: {}\n"
    response = api_client_for(owner).post(
        "/api/v1/lint?ruleset=spectral:oas", asyncapi, content_type="application/yaml"
    )
    body = response.json()
    assert response.status_code == 200 and body["format"] is None
    assert [finding["code"] for finding in body["findings"]] == ["unrecognized-format"]
    assert body["counts"]["warnings"] == 1


@pytest.mark.parametrize(("query", "field"), [("ruleset=nope", "ruleset"), ("api=nope", "api")])
def test_it_refuses_an_unknown_ruleset_or_api(owner, query, field):
    response = api_client_for(owner).post(
        f"/api/v1/lint?{query}", PETS, content_type="application/yaml"
    )
    assert field in assert_problem(response, 400)["errors"]


def test_it_refuses_an_empty_body_a_wrong_type_and_a_body_too_large(owner, settings):
    client = api_client_for(owner)
    assert_problem(client.post("/api/v1/lint", b"", content_type="application/yaml"), 400)
    assert_problem(client.post("/api/v1/lint", PETS, content_type="text/html"), 415)
    settings.PORTAL_SPEC_MAX_BYTES = 1024
    big = PETS + b"#" * 2000
    assert_problem(client.post("/api/v1/lint", big, content_type="application/yaml"), 413)


def test_it_queues_a_large_document_as_a_job(owner, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_LINT_SYNC_MAX_BYTES = 10
    with django_capture_on_commit_callbacks() as callbacks:
        response = api_client_for(owner).post("/api/v1/lint", PETS, content_type="application/yaml")

    assert response.status_code == 202
    job = LintJob.objects.get()
    assert response["Location"].endswith(f"/api/v1/lint/jobs/{job.pk}")
    assert response.json()["status"] == "queued"
    assert (job.owner, job.builtin) == (f"user-{owner.pk}", "portal:recommended")
    assert len(queued_tasks(callbacks)) == 1


def test_it_runs_a_job_and_drops_the_document(owner, settings):
    from governance.services import lint_job_execute

    settings.PORTAL_LINT_SYNC_MAX_BYTES = 10
    client = api_client_for(owner)
    url = client.post("/api/v1/lint", PETS, content_type="application/yaml")["Location"]
    job = LintJob.objects.get()

    lint_job_execute(job_id=str(job.pk))
    lint_job_execute(job_id=str(job.pk))  # a second delivery changes nothing

    body = client.get(url).json()
    assert body["status"] == "done" and body["result"]["findings"]
    assert bytes(LintJob.objects.get().content) == b""


def test_it_creates_and_revises_rulesets_over_rest(house, reviewer):
    client = api_client_for(reviewer)
    body = client.get("/api/v1/rulesets/house/").json()
    assert body["latest"]["number"] == 1 and body["latest"]["source"] == GOOD

    response = client.post(
        "/api/v1/rulesets/house/revise/",
        {"source": GOOD.replace("warn", "error"), "note": "stricter"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["number"] == 2
    listed = client.get("/api/v1/rulesets/").json()["results"]
    assert [(r["slug"], r["latest_number"]) for r in listed] == [("house", 2)]


def test_it_answers_problems_for_bad_rulesets_and_taken_names(house, reviewer):
    client = api_client_for(reviewer)
    source = BAD["unknown function"][0]
    body = assert_problem(
        client.post("/api/v1/rulesets/", {"name": "Other", "source": source}, format="json"), 400
    )
    assert "noSuchFunction" in body["errors"]["source"][0]
    assert_problem(
        client.post("/api/v1/rulesets/", {"name": "House", "source": GOOD}, format="json"), 409
    )
    body = assert_problem(
        client.post("/api/v1/rulesets/house/revise/", {"source": source}, format="json"), 400
    )
    assert json.dumps(body).count("noSuchFunction") >= 1


def test_it_throttles_lints_like_other_writes(house, owner, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"write": "2/min", "ingest": "100/min"},
    }
    client = api_client_for(owner)
    for _ in range(2):
        response = client.post("/api/v1/lint?ruleset=house", PETS, content_type="application/yaml")
        assert response.status_code == 200
    response = client.post("/api/v1/lint?ruleset=house", PETS, content_type="application/yaml")
    assert "Retry-After" in assert_problem(response, 429) or response.has_header("Retry-After")


def test_it_adopts_the_recommended_ruleset_as_the_organisation_default(reviewer, api):
    from tests.conftest import client_for

    client = client_for(reviewer)
    response = client.post("/governance/rulesets/adopt/")
    assert response.status_code == 302
    client.post("/governance/rulesets/adopt/")  # twice: still one ruleset

    ruleset = Ruleset.objects.get()
    assert ruleset.slug == "portal-recommended"
    from governance import selectors

    assert selectors.ruleset_for_api(api).ruleset == ruleset
    assert "Adopt the recommended" not in client.get("/governance/rulesets/").content.decode()
