"""Lint runs: requested once per (document, ruleset), executed by a worker, rolled up."""

import logging
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

import speclib.lint as speclint
from catalog.models import Api, SpecDocument, Version
from governance import engine, selectors
from governance.models import LintRun, RulesetRevision
from governance.services.findings import findings_store, previous_keys
from governance.services.rollups import api_refresh_lint, runs_finished

logger = logging.getLogger(__name__)


def lint_request(*, spec: SpecDocument, revision: RulesetRevision | None) -> LintRun:
    """The run of `spec` with `revision` (None: the built-in default) and this engine,
    created and queued if there is none. Idempotent: a document already linted with
    the same rules is not linted again. The task is enqueued when the transaction commits."""
    key = {"revision": revision, "builtin": "" if revision else engine.DEFAULT_BUILTIN}
    run, created = LintRun.objects.get_or_create(
        spec=spec, engine_version=engine.engine_version(), **key
    )
    if created:
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from governance.tasks import lint_execute_task

    lint_execute_task.delay(run_id)


@transaction.atomic
def lint_spec_ready(*, spec: SpecDocument) -> list[LintRun]:
    """Requests, for each version using a document just made ready, the run with the
    ruleset that governs the version's API. Runs in a savepoint of the catalog's transaction."""
    resolve = selectors.ruleset_resolver()
    runs = {}
    for api in Api.objects.filter(versions__spec=spec).distinct():
        revision = resolve(api)
        runs[revision.pk if revision else None] = lint_request(spec=spec, revision=revision)
        api_refresh_lint(api=api)
    return list(runs.values())


def _claim(run_id: int) -> bool:
    """Takes a queued run for this worker; a run left "running" longer than the time limit
    (its worker died) may be taken again. Exactly one worker wins."""
    stale = timezone.now() - timedelta(seconds=settings.PORTAL_LINT_TIME_LIMIT + 60)
    claimable = Q(status=LintRun.Status.QUEUED) | Q(
        status=LintRun.Status.RUNNING, started_at__lt=stale
    )
    return bool(
        LintRun.objects.filter(claimable, pk=run_id).update(
            status=LintRun.Status.RUNNING, started_at=timezone.now()
        )
    )


def lint_execute(*, run_id: int) -> None:
    """Lints the run's document and stores findings, counts and score, then the roll-ups.

    Requires a queued run (anything else is left alone, so running twice is safe).
    Guarantees the run ends done or failed with its reason: a hostile document, a bad
    ruleset, the time limit or an engine bug fails the run, never the worker. A database
    outage puts the run back in the queue and raises, for the task to retry.
    """
    if not _claim(run_id):
        return
    run = LintRun.objects.select_related("spec", "revision__ruleset").get(pk=run_id)
    started = time.monotonic()
    try:
        ruleset = engine.ruleset_of(revision=run.revision, builtin=run.builtin)
        report = engine.lint_bytes(bytes(run.spec.content), ruleset, source=run.spec.filename)
        inherited = previous_keys(run, ruleset)
    except OperationalError:
        LintRun.objects.filter(pk=run_id).update(status=LintRun.Status.QUEUED, started_at=None)
        raise
    except Exception as exc:  # noqa: BLE001 - whatever it is fails this run, not the worker
        _fail(run, _reason(exc, run_id), started)
    else:
        _finish(run, report, inherited, started)


def _reason(exc: Exception, run_id: int) -> str:
    """What to tell the API's owners about a lint that could not finish."""
    if isinstance(exc, SoftTimeLimitExceeded):
        return f"The lint took longer than the limit of {settings.PORTAL_LINT_TIME_LIMIT} seconds."
    if isinstance(exc, speclint.RulesetError):
        return f"The ruleset cannot be used: {exc}"
    if isinstance(exc, (MemoryError, RecursionError)):
        return "The document is too large or too deeply nested to lint."
    logger.exception("lint run %s failed with an internal error", run_id, exc_info=exc)
    return "The lint engine failed on this document (an internal error)."


def _finish(run: LintRun, report, inherited: set, started: float) -> None:
    unreadable = engine.parser_failure(report)
    if getattr(report, "failures", None):  # rule functions that raised: the engine's bugs
        logger.warning("lint run %s: rule functions failed: %s", run.pk, report.failures[:10])
    with transaction.atomic():
        if not LintRun.objects.select_for_update().filter(pk=run.pk, status="running").exists():
            return  # a sweep or another worker has settled it meanwhile
        counts = findings_store(run, report.findings, inherited)
        LintRun.objects.filter(pk=run.pk).update(
            status=LintRun.Status.FAILED if unreadable else LintRun.Status.DONE,
            error=f"The document could not be read: {unreadable}" if unreadable else "",
            document_format=(report.format or "")[:10],
            score=None if unreadable else engine.score(**counts),
            finished_at=timezone.now(),
            duration_ms=_elapsed_ms(started),
            **counts,
        )
        # In the same transaction: nobody sees the run finished and its API not yet updated.
        runs_finished(run_ids=[run.pk], spec_ids=[run.spec_id])


def _fail(run: LintRun, reason: str, started: float) -> None:
    logger.info("lint run %s failed: %s", run.pk, reason)
    with transaction.atomic():
        failed = LintRun.objects.filter(pk=run.pk, status=LintRun.Status.RUNNING).update(
            status=LintRun.Status.FAILED,
            error=reason,
            finished_at=timezone.now(),
            duration_ms=_elapsed_ms(started),
        )
        if failed:
            runs_finished(run_ids=[run.pk], spec_ids=[run.spec_id])


def _elapsed_ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def lint_request_for_version(*, version: Version) -> LintRun | None:
    """The run of a version's document with the ruleset governing its API (a "lint now")."""
    if not version.spec_id:
        return None
    return lint_request(spec=version.spec, revision=selectors.ruleset_for_api(version.api))
