from celery import shared_task

from operations.services import heartbeat_record


@shared_task(name="operations.tasks.worker_heartbeat", ignore_result=True)
def worker_heartbeat() -> None:
    """Run by beat every 30 s; proves broker, beat and a worker are all alive."""
    heartbeat_record(worker=worker_heartbeat.request.hostname or "unknown")
