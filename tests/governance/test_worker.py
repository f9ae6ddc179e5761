"""Linting in a real Celery worker process over the broker: push, parse, lint, findings;
hostile documents and a bad ruleset end as failed runs while the worker keeps serving."""

import hashlib
import time
from pathlib import Path

import pytest
from django.db import transaction

from catalog.models import Api, SpecDocument
from catalog.services import Actor, version_attach_spec
from governance.models import LintJob, LintRun, RelintBatch, Ruleset
from governance.services import lint_request, ruleset_assign, ruleset_create, ruleset_revise
from tests.api.conftest import api_client_for
from tests.factories import VersionFactory
from tests.governance.conftest import WORKER_TIME_LIMIT as TIME_LIMIT
from tests.governance.factories import RulesetRevisionFactory
from tests.workers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]

PETS = b"""openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get:
      responses: {'200': {description: ok}}
"""
CONTACT_RULES = """rules:
  info-contact:
    description: Every API names who to contact.
    message: The API names no contact.
    given: $.info
    severity: error
    then: {field: contact, function: truthy}
"""
# (a+)+b on a long run of "a" backtracks for ever in a backtracking regex engine.
CATASTROPHIC_RULES = """rules:
  slow-title:
    given: $.info.title
    then: {function: pattern, functionOptions: {match: "^(a+)+b$"}}
"""


def _run(pk: int) -> LintRun:
    return LintRun.objects.get(pk=pk)


def _finished(pk: int) -> LintRun | None:
    run = _run(pk)
    return run if run.is_finished else None


def _stored(content: bytes, name: str) -> SpecDocument:
    """A document row as an older portal or a restore may have left it, past upload checks."""
    return SpecDocument.objects.create(
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        size=len(content),
        filename=name,
        status=SpecDocument.Status.READY,
    )


@pytest.fixture
def contacts():
    """A ruleset revision with one rule (the tests here are about documents and workers)."""
    return RulesetRevisionFactory(source=CONTACT_RULES)


def _lint(spec: SpecDocument, revision) -> int:
    with transaction.atomic():
        return lint_request(spec=spec, revision=revision).pk


def test_it_lints_a_pushed_spec_after_the_worker_parsed_it(worker, team):
    actor = Actor.system("test")
    ruleset = ruleset_create(actor=actor, name="Contacts", source=CONTACT_RULES)
    version = VersionFactory(api__team=team, version="1.0.0", major=1)
    ruleset_assign(actor=actor, ruleset=ruleset, team=team)
    with transaction.atomic():
        spec = version_attach_spec(actor=actor, version=version, content=PETS, filename="p.yaml")

    run = wait_for(
        lambda: LintRun.objects.filter(spec=spec, status="done").first(), what="the lint run"
    )
    assert run.revision.ruleset == ruleset
    finding = run.findings.get()
    assert (finding.code, finding.severity, finding.path) == ("info-contact", 0, ["info"])
    assert finding.start_line == 1 and finding.is_new
    assert (run.errors, run.score) == (1, 90)
    api = Api.objects.get(pk=version.api_id)
    assert (api.lint_status, api.lint_score) == ("errors", 90)


def test_it_lints_with_the_builtin_ruleset_when_none_is_assigned(worker):
    version = VersionFactory(version="2.0.0", major=2)
    with transaction.atomic():
        spec = version_attach_spec(
            actor=Actor.system("test"), version=version, content=PETS, filename="p.yaml"
        )

    run = wait_for(
        lambda: LintRun.objects.filter(spec=spec, status="done").first(), what="the lint run"
    )
    assert run.builtin == "portal:recommended" and run.document_format == "oas3.0"
    codes = set(run.findings.values_list("code", flat=True))
    assert {"portal-operation-id", "info-contact"} <= codes
    assert run.score == max(0, 100 - 10 * run.errors - 3 * run.warnings - run.infos)


HOSTILE = {
    "deep": b"openapi: 3.0.3\nx: " + b"[" * 100_000 + b"]" * 100_000,
    "bomb": b"openapi: 3.0.3\na: &a [x,x,x,x,x,x,x,x,x]\n"
    + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode()
        for i in range(9)
    ),
    "huge": b"openapi: 3.0.3\ninfo: {title: Big, version: 1.0.0}\npaths: {}\nx: '"
    + b"y" * (26 * 1024 * 1024)
    + b"'\n",
    "junk": b"\x00\xff not a spec",
}


def test_it_fails_hostile_documents_and_keeps_serving(worker, contacts):
    runs = {name: _lint(_stored(content, name), contacts) for name, content in HOSTILE.items()}
    for name, pk in runs.items():
        run = wait_for(lambda pk=pk: _finished(pk), what=f"the {name} run")
        assert run.status == "failed", (name, run.error)
        assert run.error.startswith("The document could not be read"), (name, run.error)
        assert run.score is None

    good = _lint(_stored(PETS, "good.yaml"), contacts)
    assert wait_for(lambda: _finished(good), what="the next job").status == "done"
    assert worker.poll() is None


def test_it_lints_circular_and_external_references_without_fetching(worker, contacts):
    content = b"""openapi: 3.0.3
info: {title: Refs, version: 1.0.0}
paths:
  /a:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
        '400': {$ref: 'https://attacker.invalid/responses.yaml#/BadRequest'}
        '500': {$ref: 'file:///etc/passwd'}
components:
  schemas:
    Node:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Node'}
"""
    pk = _lint(_stored(content, "refs.yaml"), contacts)
    run = wait_for(lambda: _finished(pk), what="the run")

    assert run.status == "done", run.error
    messages = " ".join(run.findings.values_list("message", flat=True))
    assert "root:" not in messages  # /etc/passwd was not read


def test_it_fails_a_run_whose_stored_ruleset_backtracks_for_ever(worker, contacts):
    # A revision stored past the save-time check (an older portal, a restore).
    revision = RulesetRevisionFactory(source=CATASTROPHIC_RULES)
    content = b"openapi: 3.1.0\ninfo: {title: '" + b"a" * 64 + b"', version: 1.0.0}\npaths: {}\n"
    started = time.monotonic()
    pk = _lint(_stored(content, "slow.yaml"), revision)
    run = wait_for(lambda: _finished(pk), what="the slow run")

    assert time.monotonic() - started < TIME_LIMIT + 30
    if run.status == "failed":  # refused at load, or stopped at the time limit
        assert "ruleset" in run.error or "limit" in run.error
    else:  # or matched by a regex engine that does not backtrack
        assert run.status == "done"
    good = _lint(_stored(PETS, "after.yaml"), contacts)
    assert wait_for(lambda: _finished(good), what="the next job").status == "done"
    assert worker.poll() is None


def test_it_is_safe_to_run_the_task_twice(worker, contacts):
    from governance.tasks import lint_execute_task

    pk = _lint(_stored(PETS, "twice.yaml"), contacts)
    lint_execute_task.delay(pk)
    run = wait_for(lambda: _finished(pk), what="the run")
    time.sleep(1)  # let the second delivery finish too
    assert run.findings.count() == _run(pk).findings.count()
    assert _run(pk).finished_at == run.finished_at


def test_it_relints_after_a_revision_with_visible_progress(worker, team):
    actor = Actor.system("test")
    ruleset = ruleset_create(actor=actor, name="House", source=CONTACT_RULES)
    ruleset_assign(actor=actor, ruleset=ruleset, organisation=True)
    for number in (1, 2):
        version = VersionFactory(api__team=team, version="1.0.0", major=1)
        content = PETS.replace(b"Pets", f"Pets {number}".encode())
        with transaction.atomic():
            version_attach_spec(actor=actor, version=version, content=content, filename="p.yaml")
    wait_for(lambda: LintRun.objects.filter(status="done").count() == 2, what="first lints")

    ruleset_revise(actor=actor, ruleset=ruleset, source=CONTACT_RULES.replace("error", "warn"))
    batch = wait_for(
        lambda: RelintBatch.objects.filter(
            reason__contains="revised", finished_at__isnull=False
        ).first(),
        what="the re-lint",
    )
    assert (batch.total, batch.done, batch.percent) == (2, 2, 100)
    assert set(Api.objects.values_list("lint_status", "lint_score")) == {("warnings", 97)}
    assert Ruleset.objects.get().revisions.count() == 2


def test_it_lints_a_large_posted_document_as_a_job(worker, owner, settings, contacts):
    settings.PORTAL_LINT_SYNC_MAX_BYTES = 10  # every document is "large"
    client = api_client_for(owner)
    slug = contacts.ruleset.slug
    response = client.post(f"/api/v1/lint?ruleset={slug}", PETS, content_type="application/yaml")
    assert response.status_code == 202, response.content
    url = response["Location"]

    body = wait_for(
        lambda: (data := client.get(url).json())["status"] in ("done", "failed") and data,
        what="the job",
    )
    assert body["status"] == "done", body["error"]
    assert body["result"]["findings"] and body["result"]["readable"]
    assert LintJob.objects.get().content == b""  # the document is not kept
