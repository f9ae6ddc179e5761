"""The checks behind /healthz: database, broker and worker."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone
from kombu import Connection

from operations.models import WorkerHeartbeat


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "up"}


def check_broker() -> dict:
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as broker:
            broker.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:  # noqa: BLE001
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "up"}


def check_worker() -> dict:
    try:
        last = WorkerHeartbeat.objects.order_by("-beat_at").first()
    except Exception as exc:  # noqa: BLE001
        return {"status": "unknown", "error": type(exc).__name__}
    if last is None:
        return {"status": "down", "last_heartbeat": None}
    max_age = timedelta(seconds=settings.PORTAL_WORKER_HEARTBEAT_MAX_AGE)
    status = "up" if timezone.now() - last.beat_at <= max_age else "down"
    return {"status": status, "last_heartbeat": last.beat_at.isoformat(), "worker": last.worker}


def health_report() -> tuple[bool, dict]:
    checks = {"database": check_database(), "broker": check_broker(), "worker": check_worker()}
    healthy = all(check["status"] == "up" for check in checks.values())
    return healthy, {"status": "up" if healthy else "down", "checks": checks}
