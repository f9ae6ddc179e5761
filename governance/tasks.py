"""Thin Celery tasks: load by id, call the service. Each is safe to run twice.

Lint tasks have their own time limits (PORTAL_LINT_TIME_LIMIT, set on them through
settings.CELERY_TASK_ANNOTATIONS): at the soft limit the service records the run as
failed; the hard limit, 30 s later, ends a child that did not stop, and the sweep then
records its run as failed. They go to PORTAL_LINT_QUEUE (settings.CELERY_TASK_ROUTES).
"""

from celery import shared_task
from django.db import OperationalError

from governance import services

RETRIES = {
    "ignore_result": True,
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="governance.tasks.lint_execute", **RETRIES)
def lint_execute_task(run_id: int) -> None:
    """Lints one stored document with one ruleset (a LintRun)."""
    services.lint_execute(run_id=run_id)


@shared_task(name="governance.tasks.lint_job", **RETRIES)
def lint_job_task(job_id: str) -> None:
    """Lints a document posted to POST /api/v1/lint that was too large to answer at once."""
    services.lint_job_execute(job_id=job_id)


@shared_task(name="governance.tasks.relint_batch", **RETRIES)
def relint_batch_task(batch_id: int) -> None:
    """Queues the re-lint of each API's latest version after a ruleset change."""
    services.relint_batch_run(batch_id=batch_id)


@shared_task(name="governance.tasks.lint_sweep", **RETRIES)
def lint_sweep_task() -> None:
    services.lint_sweep()


@shared_task(name="governance.tasks.release_check", **RETRIES)
def release_check_task(release_id: int, attempt: int = 0) -> None:
    """Runs the checks of a submitted release and routes it (auto-release or review); asks
    again a little later while the spec's lint is not in."""
    if services.release_check(release_id=release_id, attempt=attempt) == "waiting":
        release_check_task.apply_async(
            (release_id, attempt + 1), countdown=services.RELEASE_CHECK_DELAY
        )


@shared_task(name="governance.tasks.release_notify", **RETRIES)
def release_notify_task(release_id: int, event: str) -> None:
    """Mails reviewers that a release waits ("waiting"), or owners that it is decided."""
    services.release_notify(release_id=release_id, event=event)


@shared_task(name="governance.tasks.release_impact_notify", **RETRIES)
def release_impact_notify_task(release_id: int) -> None:
    """Mails each consumer a released release breaks about the changes to what it calls."""
    services.release_impact_notify(release_id=release_id)


@shared_task(name="governance.tasks.release_sweep", **RETRIES)
def release_sweep_task() -> None:
    """Queues the checks of releases left submitted (a lost task) or stuck checking, and
    the consumer notices of released ones left unsent."""
    for release_id in services.releases_unchecked():
        release_check_task.delay(release_id)
    for release_id in services.release_impact_unsent():
        release_impact_notify_task.delay(release_id)
