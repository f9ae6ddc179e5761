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
