import datetime

import pytest
from django.utils import timezone

from operations.models import WorkerHeartbeat
from operations.services import heartbeat_record

pytestmark = pytest.mark.django_db


def test_it_reports_everything_up_with_a_fresh_heartbeat(client):
    heartbeat_record(worker="celery@test")

    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "up"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "up",
        "broker": "up",
        "worker": "up",
    }


def test_it_answers_503_without_a_worker(client):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"status": "down", "last_heartbeat": None}


def test_it_answers_503_when_the_heartbeat_is_stale(client, settings):
    WorkerHeartbeat.objects.create(
        worker="celery@old", beat_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    settings.PORTAL_WORKER_HEARTBEAT_MAX_AGE = 120

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["status"] == "down"


def test_it_answers_503_when_the_broker_is_down(client, settings):
    heartbeat_record(worker="celery@test")
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # nothing listens on the discard port

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["status"] == "down"


def test_it_carries_a_request_id(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abc12345-from-proxy")
    assert response["X-Request-ID"] == "abc12345-from-proxy"
    assert len(client.get("/healthz", HTTP_X_REQUEST_ID="bad id!")["X-Request-ID"]) == 32
