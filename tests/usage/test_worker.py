"""A log import in a real Celery worker process: the worker's child is killed mid-file,
the task is delivered again, and every line is counted exactly once."""

import datetime
import json
import os
import signal
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from tests.workers import celery_worker, tasks_routed_to, wait_for
from usage.models import IngestRun, UsageDaily, VersionDaily
from usage.tasks import usage_import_file_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

LINES = 40_000
CHUNK = 500


def _wait_for(condition, *, what: str):
    return wait_for(condition, timeout=120.0, interval=0.05, what=what)


@pytest.fixture(autouse=True)
def _empty_event_table():
    yield
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE usage_event")


@pytest.fixture
def worker_process(django_db_setup, django_db_blocker):
    """A `celery worker` on the test database, consuming a queue of this test run only."""
    queue = f"usage-test-{os.getpid()}"
    env = {"PORTAL_USAGE_IMPORT_CHUNK": str(CHUNK)}
    with (
        tasks_routed_to(queue, "usage.tasks.*"),
        celery_worker(django_db_blocker, name="usage", queue=queue, env=env) as process,
    ):
        yield process


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _log(path: Path) -> None:
    when = timezone.now() - datetime.timedelta(minutes=5)
    with path.open("w") as out:
        for n in range(LINES):
            line = {
                "time_iso8601": when.isoformat(),
                "request_method": "GET",
                "request_uri": f"/payments/v1/refunds/{n}",
                "host": "api.example.com",
                "status": 200,
                "request_id": f"r{n}",
                "client_id": "orders-client",
            }
            out.write(json.dumps(line) + "\n")


def test_it_counts_every_line_once_when_the_worker_dies_mid_file(worker, v1, orders, tmp_path):
    path = tmp_path / "access.log"
    _log(path)
    run = IngestRun.objects.create(kind="file", log_format="nginx-json", source=str(path))
    usage_import_file_task.delay(run.pk)

    _wait_for(lambda: IngestRun.objects.get(pk=run.pk).offset > 0, what="a first chunk")
    children = _children(worker.pid)
    assert children, "the worker has no pool process"
    for child in children:
        os.kill(child, signal.SIGKILL)
    killed_at = IngestRun.objects.get(pk=run.pk)
    assert killed_at.status == "running" and killed_at.received < LINES

    done = _wait_for(
        lambda: (found := IngestRun.objects.get(pk=run.pk)).status == "done" and found,
        what="the import to finish after the kill",
    )
    assert done.received == LINES and done.rejected == 0
    assert done.accepted + done.duplicates == LINES
    assert sum(VersionDaily.objects.values_list("calls", flat=True)) == LINES
    assert sum(UsageDaily.objects.values_list("calls", flat=True)) == LINES
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM usage_event")
        assert cursor.fetchone()[0] == LINES
    assert worker.poll() is None
