"""The "Lint a document" page: a document linted without storing it, small ones at once, large
ones as a job the page waits for; bad input answered with the form's errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import SpecDocument
from governance import selectors
from governance.models import LintJob, LintRun, RulesetAssignment
from governance.services import lint_job_execute
from tests.callbacks import queued_tasks
from tests.conftest import client_for
from tests.governance.factories import RulesetRevisionFactory
from tests.governance.test_lint_api import PETS

pytestmark = pytest.mark.django_db


def lint(client, **data):
    return client.post("/governance/lint/", data)


def test_it_asks_visitors_to_sign_in(client):
    response = client.get("/governance/lint/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_offers_the_default_the_built_in_and_the_stored_rulesets(owner):
    RulesetRevisionFactory(ruleset__name="House style", ruleset__slug="house")
    html = client_for(owner).get("/governance/lint/").content.decode()

    assert '<option value="" selected>The organisation&#x27;s default</option>' in html
    assert '<option value="spectral:oas">Built-in spectral:oas</option>' in html
    assert '<option value="house">House style</option>' in html
    assert "Up to 2.5\xa0MB; choose a file for a larger document." in html


def test_it_chooses_the_ruleset_of_the_persons_team_first(owner, team, reviewer):
    house = RulesetRevisionFactory(ruleset__name="House style", ruleset__slug="house").ruleset
    RulesetAssignment.objects.create(scope="team", team=team, ruleset=house)

    html = client_for(owner).get("/governance/lint/").content.decode()
    assert '<option value="house" selected>House style</option>' in html
    html = client_for(reviewer).get("/governance/lint/").content.decode()  # in no team
    assert '<option value="" selected>' in html
    html = client_for(owner).get("/governance/lint/?ruleset=spectral:oas").content.decode()
    assert '<option value="spectral:oas" selected>' in html  # as a ruleset's page asks
    html = client_for(owner).get("/governance/lint/?ruleset=nope").content.decode()
    assert '<option value="house" selected>' in html


def test_it_lints_an_uploaded_file_at_once_and_stores_nothing(owner):
    upload = SimpleUploadedFile("pets.yaml", PETS, content_type="application/yaml")
    response = lint(client_for(owner), file=upload, ruleset="spectral:oas")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Findings in <code>pets.yaml</code>" in html
    assert "Ruleset spectral:oas" in html
    codes = [row["code"] for row in response.context["rule_rows"]]
    assert codes == [
        "info-contact",
        "info-description",
        "oas3-api-servers",
        "operation-description",
        "operation-operationId",
        "operation-tags",
    ]
    # Each finding with the lines around it, the ones it covers marked.
    operation = next(
        item
        for group in response.context["finding_groups"]
        for item in group["items"]
        if item["finding"]["code"] == "operation-tags"
    )
    assert (operation["start"], operation["lines"][2]) == (5, (5, "    get:", True))
    assert "<mark>    5      get:\n</mark>" in html
    assert not SpecDocument.objects.exists() and not LintRun.objects.exists()
    assert not LintJob.objects.exists()


def test_it_lints_a_pasted_document_with_a_stored_ruleset(owner):
    RulesetRevisionFactory(ruleset__name="House style", ruleset__slug="house")
    response = lint(client_for(owner), text=PETS.decode(), ruleset="house")

    assert response.status_code == 200
    assert response.context["result"]["ruleset"].startswith("House style r")
    assert [row["code"] for row in response.context["rule_rows"]] == ["info-contact"]


def test_it_says_when_a_document_cannot_be_read(owner):
    response = lint(client_for(owner), text="openapi: [unclosed", ruleset="spectral:oas")

    assert response.status_code == 200
    html = response.content.decode()
    assert "The document could not be read" in html
    assert [row["code"] for row in response.context["rule_rows"]] == ["parser"]


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Choose a file or paste a document to lint."),
        ({"text": "   \n"}, "Choose a file or paste a document to lint."),
        (
            {"text": "openapi: 3.1.0", "file": b"openapi: 3.1.0"},
            "Choose a file or paste a document, not both.",
        ),
        ({"text": "openapi: 3.1.0", "ruleset": "nope"}, "Select a valid choice."),
    ],
)
def test_it_answers_bad_input_with_the_forms_error(owner, data, error):
    if "file" in data:
        data["file"] = SimpleUploadedFile("a.yaml", data["file"])
    response = lint(client_for(owner), **data)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not LintJob.objects.exists()


def test_it_refuses_a_document_over_the_size_limit(owner, settings):
    settings.PORTAL_SPEC_MAX_BYTES = 100
    client = client_for(owner)

    upload = SimpleUploadedFile("big.yaml", b"x" * 101)
    assert "the limit is 100" in lint(client, file=upload).content.decode()
    response = lint(client, text="x" * 101)
    assert response.status_code == 400 and "the limit is 100" in response.content.decode()


def test_it_lints_a_large_document_as_a_job_only_its_author_reads(
    owner, reviewer, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_LINT_SYNC_MAX_BYTES = 10  # every document is "large"
    client = client_for(owner)
    with django_capture_on_commit_callbacks() as callbacks:
        response = lint(client, text=PETS.decode(), ruleset="spectral:oas")

    job = LintJob.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/governance/lint/jobs/{job.pk}/"
    )
    assert len(queued_tasks(callbacks)) == 1
    waiting = client.get(response["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in waiting and "a worker lints it: queued" in waiting
    assert client_for(reviewer).get(response["Location"]).status_code == 404

    lint_job_execute(job_id=str(job.pk))
    done = client.get(response["Location"], headers={"HX-Request": "true"})
    html = done.content.decode()
    assert html.lstrip().startswith('<div id="job">')  # the poll swaps only the result in
    assert "every 2s" not in html and "Findings in <code>pasted.yaml</code>" in html
    assert "no source lines are shown" in html


def test_it_limits_how_often_a_person_lints(owner, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"write": "2/min", "ingest": "100/min"},
    }
    client = client_for(owner)
    for _ in range(2):
        assert lint(client, text=PETS.decode()).status_code == 200
    response = lint(client, text=PETS.decode())
    assert response.status_code == 429
    assert "wait a minute" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n in range(1, 10):
        lines.append(f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]")
    return "\n".join(lines)


@pytest.mark.parametrize(
    "text", [_alias_bomb(), "[" * 20_000 + "]" * 20_000], ids=["alias-bomb", "deep-nesting"]
)
def test_it_answers_a_hostile_document_with_the_reason_it_was_refused(owner, text):
    response = lint(client_for(owner), text=text)

    assert response.status_code == 200
    assert "The document could not be read" in response.content.decode()
    [finding] = [item["finding"] for g in response.context["finding_groups"] for item in g["items"]]
    assert finding["code"] == "parser"


def test_it_names_the_rules_as_the_api_does():
    house = RulesetRevisionFactory(ruleset__name="House style", ruleset__slug="house")
    assert selectors.lint_rules_named("spectral:oas") == (None, "spectral:oas")
    assert selectors.lint_rules_named("house") == (house, "")
    assert selectors.lint_rules_named("") == (None, "")  # no organisation default: built-in
    RulesetAssignment.objects.create(scope="organisation", ruleset=house.ruleset)
    assert selectors.lint_rules_named("") == (house, "")
    assert selectors.lint_rules_named("gone") is None
