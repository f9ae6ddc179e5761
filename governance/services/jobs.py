"""Linting a posted document without storing it: at once when small, as a job when large."""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError, transaction
from django.utils import timezone

import speclib.lint as speclint
from governance import engine
from governance.models import LintJob, RulesetRevision

logger = logging.getLogger(__name__)


class LintFailed(Exception):
    """The engine could not lint a posted document; the message says why."""


def lint_document(
    *, content: bytes, revision: RulesetRevision | None, builtin: str = "", source: str = ""
) -> dict:
    """Lints bytes with a stored revision or a built-in ruleset and returns the result in
    Spectral's shape (findings as `spectral lint -f json` prints them), plus counts and
    score. Stores nothing. Raises LintFailed on an engine failure."""
    try:
        ruleset = engine.ruleset_of(revision=revision, builtin=builtin)
        report = engine.lint_bytes(content, ruleset, source=source)
    except (MemoryError, RecursionError):
        raise LintFailed("The document is too large or too deeply nested to lint.") from None
    except SoftTimeLimitExceeded:
        raise LintFailed("The lint took longer than the time limit.") from None
    except speclint.RulesetError as exc:
        raise LintFailed(f"The ruleset cannot be used: {exc}") from None
    except Exception as exc:
        logger.exception("lint of a posted document failed")
        raise LintFailed("The lint engine failed on this document (an internal error).") from exc
    findings = [finding.to_spectral() for finding in report.findings]
    counts = {name: 0 for name in ("errors", "warnings", "infos", "hints")}
    for finding in report.findings:
        counts[("errors", "warnings", "infos", "hints")[min(int(finding.severity), 3)]] += 1
    unreadable = engine.parser_failure(report)
    return {
        "ruleset": str(revision) if revision else (builtin or engine.DEFAULT_BUILTIN),
        "format": report.format,
        "readable": unreadable is None,
        "score": None if unreadable else engine.score(**counts),
        "counts": counts,
        "findings": findings,
    }


def lint_job_create(
    *, owner: str, content: bytes, revision: RulesetRevision | None, builtin: str, source: str
) -> LintJob:
    """Queues a posted document for a worker. The bytes are kept only until it is linted."""
    job = LintJob.objects.create(
        owner=owner,
        content=content,
        source=source[:255],
        revision=revision,
        builtin="" if revision else (builtin or engine.DEFAULT_BUILTIN),
        expires_at=timezone.now() + timedelta(seconds=settings.PORTAL_LINT_JOB_TTL),
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id) -> None:
    from governance.tasks import lint_job_task

    lint_job_task.delay(str(job_id))


def lint_job_execute(*, job_id: str) -> None:
    """Lints a queued job's document, stores the result and drops the document.

    Claimed atomically, so running twice is safe; any failure ends the job failed.
    """
    claimed = LintJob.objects.filter(pk=job_id, status=LintJob.Status.QUEUED).update(
        status=LintJob.Status.RUNNING
    )
    if not claimed:
        return
    job = LintJob.objects.select_related("revision__ruleset").get(pk=job_id)
    outcome = {"status": LintJob.Status.DONE, "error": "", "result": None}
    try:
        outcome["result"] = lint_document(
            content=bytes(job.content),
            revision=job.revision,
            builtin=job.builtin,
            source=job.source,
        )
    except OperationalError:
        LintJob.objects.filter(pk=job_id).update(status=LintJob.Status.QUEUED)
        raise
    except LintFailed as exc:
        outcome.update(status=LintJob.Status.FAILED, error=str(exc))
    LintJob.objects.filter(pk=job_id).update(content=b"", finished_at=timezone.now(), **outcome)
