"""Thin Celery tasks: load by id, call the service. Each is safe to run twice.

A log import commits chunk by chunk with its byte offset; a worker killed mid-file has
its task delivered again (acks late, rejected when the worker is lost) and the import
resumes where the last commit left it.
"""

from celery import shared_task
from django.db import OperationalError

from usage import services

RETRIES = {
    "ignore_result": True,
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="usage.tasks.usage_import_file", **RETRIES)
def usage_import_file_task(run_id: int) -> None:
    """Imports one gateway log file (an IngestRun queued by `manage usage_import`)."""
    services.usage_import_file(run_id=run_id)


@shared_task(name="usage.tasks.usage_maintain", **RETRIES)
def usage_maintain_task() -> None:
    """Hourly: partitions ahead, raw events and rollups past retention dropped."""
    services.usage_maintain()
