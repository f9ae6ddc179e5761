from django.utils import timezone

from operations.models import WorkerHeartbeat


def heartbeat_record(*, worker: str) -> None:
    """Stores now as the worker's last heartbeat. Safe to run any number of times."""
    WorkerHeartbeat.objects.update_or_create(worker=worker, defaults={"beat_at": timezone.now()})
