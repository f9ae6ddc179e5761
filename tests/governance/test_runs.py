"""Lint runs: requested once, claimed once, findings new or inherited, roll-ups and sweeps."""

from datetime import timedelta

import pytest
from django.utils import timezone

from catalog.models import Api, LintStatus, SpecDocument
from catalog.services import Actor, spec_process, version_attach_spec
from governance import engine, selectors
from governance.models import LintFinding, LintRun, RelintBatch
from governance.services import (
    lint_execute,
    lint_request,
    lint_sweep,
    relint_after_ruleset_change,
    relint_batch_run,
)
from governance.services.findings import findings_store, previous_keys
from governance.services.rollups import runs_finished
from speclib.lint import Finding, Position, Range, Severity
from tests.callbacks import queued_tasks
from tests.factories import VersionFactory
from tests.governance.factories import (
    LintFindingFactory,
    LintRunFactory,
    RulesetRevisionFactory,
    SpecDocumentFactory,
)

pytestmark = pytest.mark.django_db


def finding(code: str, *path, severity=Severity.WARN) -> Finding:
    where = Range(Position(3, 2), Position(3, 9))
    return Finding(code=code, message=f"{code} here", path=path, severity=severity, range=where)


def current_run(spec, **fields) -> LintRun:
    """A run with this engine's identity, as lint_request would look it up."""
    return LintRunFactory(spec=spec, engine_version=engine.engine_version(), **fields)


@pytest.mark.parametrize(
    ("errors", "warnings", "infos", "hints", "expected"),
    [(0, 0, 0, 0, 100), (1, 0, 0, 9, 90), (2, 3, 4, 0, 67), (5, 20, 0, 0, 0)],
)
def test_it_scores_100_minus_10_per_error_3_per_warning_1_per_info(
    errors, warnings, infos, hints, expected
):
    counts = {"errors": errors, "warnings": warnings, "infos": infos, "hints": hints}
    assert engine.score(**counts) == expected


def test_it_requests_a_run_once_per_document_and_ruleset(
    version, django_capture_on_commit_callbacks
):
    revision = RulesetRevisionFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        first = lint_request(spec=version.spec, revision=None)
        again = lint_request(spec=version.spec, revision=None)
        other = lint_request(spec=version.spec, revision=revision)

    assert first == again
    assert other != first and other.revision == revision and other.builtin == ""
    assert first.builtin == "portal:recommended"
    assert len(queued_tasks(callbacks)) == 2  # one task per new run, queued after commit
    assert LintRun.objects.count() == 2


def test_it_leaves_a_run_that_is_not_queued_alone(version):
    run = current_run(version.spec, status=LintRun.Status.DONE, errors=3, score=70)

    lint_execute(run_id=run.pk)  # a second delivery of the task

    run.refresh_from_db()
    assert (run.status, run.errors, run.score) == ("done", 3, 70)


def test_it_marks_findings_inherited_from_the_previous_version(api, version):
    earlier = current_run(version.spec)
    LintFindingFactory(run=earlier, code="info-contact", path=["info"])
    LintFindingFactory(run=earlier, code="tag-description", path=["tags", "0"])
    newer = VersionFactory(api=api, version="1.1.0", major=1, minor=1, spec=SpecDocumentFactory())
    run = current_run(newer.spec, status=LintRun.Status.RUNNING)

    inherited = previous_keys(run, ruleset=None)
    counts = findings_store(
        run,
        [
            finding("info-contact", "info"),  # same code, same path: inherited
            finding("tag-description", "tags", 1),  # another path: new
            finding("operation-tags", "paths", "/pets", "get", severity=Severity.ERROR),
        ],
        inherited,
    )

    flags = dict(LintFinding.objects.filter(run=run).values_list("code", "is_new"))
    assert flags == {"info-contact": False, "tag-description": True, "operation-tags": True}
    assert counts == {"errors": 1, "warnings": 2, "infos": 0, "hints": 0}


def test_it_compares_only_with_runs_of_the_same_ruleset(api, version):
    other_rules = current_run(version.spec, revision=RulesetRevisionFactory(), builtin="")
    LintFindingFactory(run=other_rules, code="info-contact", path=["info"])
    LintFindingFactory(run=current_run(version.spec), code="info-license", path=["info"])
    newer = VersionFactory(api=api, version="2.0.0", major=2, spec=SpecDocumentFactory())
    run = current_run(newer.spec, status=LintRun.Status.RUNNING)

    assert previous_keys(run, ruleset=None) == {("info-license", ("info",))}


def test_it_has_nothing_inherited_for_a_first_version(version):
    run = current_run(version.spec, status=LintRun.Status.RUNNING)
    assert previous_keys(run, ruleset=None) == set()


def test_it_compares_a_shared_document_with_the_version_before_its_first_use(api, version):
    LintFindingFactory(run=current_run(version.spec), code="info-contact", path=["info"])
    shared = SpecDocumentFactory()
    VersionFactory(api=api, version="1.1.0", major=1, minor=1, spec=shared)
    VersionFactory(api=api, version="1.2.0", major=1, minor=2, spec=shared)
    run = current_run(shared, status=LintRun.Status.RUNNING)

    assert previous_keys(run, ruleset=None) == {("info-contact", ("info",))}


@pytest.mark.parametrize(
    ("fields", "status", "score"),
    [
        ({"errors": 1, "score": 90}, LintStatus.ERRORS, 90),
        ({"warnings": 2, "score": 94}, LintStatus.WARNINGS, 94),
        ({"infos": 3, "score": 97}, LintStatus.CLEAN, 97),
        ({"status": "failed", "score": None}, LintStatus.FAILED, None),
        ({"status": "queued", "score": None}, LintStatus.PENDING, None),
    ],
)
def test_it_rolls_the_latest_version_up_to_its_api(api, version, fields, status, score):
    older = VersionFactory(api=api, version="0.9.0", major=0, minor=9, spec=SpecDocumentFactory())
    current_run(older.spec, errors=9, score=10)
    run = current_run(version.spec, **fields)

    runs_finished(run_ids=[run.pk], spec_ids=[version.spec_id])

    api.refresh_from_db()
    assert (api.lint_status, api.lint_score) == (status, score)
    assert api.lint_version == version.version


def test_it_shows_the_previous_result_while_a_relint_runs(version):
    done = current_run(version.spec, score=80)
    current_run(version.spec, revision=RulesetRevisionFactory(), builtin="", status="queued")

    assert selectors.version_lint_run(version) == done


def test_it_requests_lint_runs_when_the_catalog_has_parsed_a_spec(
    api, django_capture_on_commit_callbacks
):
    version = VersionFactory(api=api, version="3.0.0", major=3)
    content = b'{"openapi": "3.1.0", "info": {"title": "A", "version": "3.0.0"}, "paths": {}}'
    with django_capture_on_commit_callbacks():
        spec = version_attach_spec(
            actor=Actor.system(), version=version, content=content, filename="a.json"
        )
    assert not LintRun.objects.exists()  # not before the document is parsed

    with django_capture_on_commit_callbacks() as callbacks:
        spec_process(spec_id=spec.pk)

    run = LintRun.objects.get()
    assert (run.spec, run.status, run.builtin) == (spec, "queued", "portal:recommended")
    assert len(queued_tasks(callbacks)) == 1
    assert Api.objects.get(pk=api.pk).lint_status == LintStatus.PENDING


def test_it_requests_a_run_when_a_parsed_document_is_attached_again(
    api, version, django_capture_on_commit_callbacks
):
    other = VersionFactory(api=api, version="4.0.0", major=4)
    with django_capture_on_commit_callbacks():
        version_attach_spec(
            actor=Actor.system(),
            version=other,
            content=bytes(version.spec.content),
            filename="again.json",
        )

    assert LintRun.objects.get().spec == version.spec


def test_it_relints_the_latest_version_of_each_api(
    api, version, django_capture_on_commit_callbacks
):
    VersionFactory(api=api, version="0.1.0", major=0, minor=1, spec=SpecDocumentFactory())
    VersionFactory(api=api, version="5.0.0", major=5, spec=SpecDocumentFactory(status="failed"))
    linted = VersionFactory(version="1.0.0", major=1, spec=SpecDocumentFactory())
    current_run(linted.spec)  # already linted with these rules: nothing to redo

    with django_capture_on_commit_callbacks() as callbacks:
        batch = relint_after_ruleset_change(actor=Actor.system(), ruleset=None, reason="test")
    assert len(queued_tasks(callbacks)) == 1
    with django_capture_on_commit_callbacks() as callbacks:
        relint_batch_run(batch_id=batch.pk)
        relint_batch_run(batch_id=batch.pk)  # a second delivery does nothing

    batch.refresh_from_db()
    run = batch.runs.get()
    assert (run.spec, run.status) == (version.spec, "queued")
    assert (batch.total, batch.done, batch.finished_at) == (1, 0, None)
    assert len(queued_tasks(callbacks)) == 1

    LintRun.objects.filter(pk=run.pk).update(status="done", score=100)
    runs_finished(run_ids=[run.pk], spec_ids=[run.spec_id])
    batch.refresh_from_db()
    assert (batch.done, batch.percent) == (1, 100)
    assert batch.finished_at is not None


def test_it_finishes_a_relint_with_nothing_to_do_at_once(django_capture_on_commit_callbacks):
    batch = relint_after_ruleset_change(actor=Actor.system(), ruleset=None, reason="test")
    relint_batch_run(batch_id=batch.pk)
    batch.refresh_from_db()
    assert batch.total == 0 and batch.finished_at is not None


def test_it_sweeps_runs_of_dead_workers_and_lost_messages(version, settings, monkeypatch):
    queued = []
    monkeypatch.setattr("governance.tasks.lint_execute_task.delay", queued.append)
    long_ago = timezone.now() - timedelta(seconds=settings.PORTAL_LINT_TIME_LIMIT + 600)
    dead = current_run(version.spec, status="running", started_at=long_ago, score=None)
    lost = current_run(SpecDocumentFactory(), status="queued", score=None)
    fresh = current_run(SpecDocumentFactory(), status="queued", score=None)
    LintRun.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(hours=1))
    batch = RelintBatch.objects.create(reason="t", total=1, started_at=timezone.now())
    batch.runs.add(dead)

    assert lint_sweep()["dead"] == 1

    dead.refresh_from_db()
    assert dead.status == "failed" and "did not finish" in dead.error
    assert queued == [lost.pk] and fresh.pk not in queued
    batch.refresh_from_db()
    assert batch.failed == 1 and batch.finished_at is not None
    assert SpecDocument.objects.get(pk=version.spec_id).status == "ready"


def test_it_gives_each_finding_the_source_lines_around_it(version):
    SpecDocument.objects.filter(pk=version.spec_id).update(
        content=b"\n".join(f"line {n}".encode() for n in range(1, 11))
    )
    run = current_run(version.spec)
    top = LintFindingFactory(run=run, start_line=0, end_line=0)
    middle = LintFindingFactory(run=run, start_line=4, end_line=5)

    excerpts = dict(selectors.source_excerpts(run, [top, middle], context=1))

    assert excerpts[top] == [(1, "line 1", True), (2, "line 2", False)]
    assert excerpts[middle] == [
        (4, "line 4", False),
        (5, "line 5", True),
        (6, "line 6", True),
        (7, "line 7", False),
    ]


def test_it_lints_the_previous_document_for_the_comparison_without_storing_it(api, version):
    revision = RulesetRevisionFactory()  # one rule: info-contact
    newer = VersionFactory(api=api, version="1.5.0", major=1, minor=5, spec=SpecDocumentFactory())
    run = current_run(newer.spec, revision=revision, builtin="", status=LintRun.Status.RUNNING)

    keys = previous_keys(run, engine.ruleset_of(revision=revision))

    assert keys == {("info-contact", ("info",))}
    assert not LintRun.objects.filter(spec=version.spec).exists()  # old versions keep theirs
