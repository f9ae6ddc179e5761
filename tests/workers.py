"""Real Celery worker processes for the tests that need one: the tasks that matter are
tested in a worker over a broker, never eagerly in the test's process."""

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from operations.models import WorkerHeartbeat
from portal.celery import app
from tests import databases

ROOT = Path(__file__).resolve().parent.parent


def wait_for(condition, *, timeout: float = 90.0, interval: float = 0.2, what: str = "condition"):
    """Polls `condition` until it returns something true, which it returns."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def tasks_routed_to(queue: str, *patterns: str) -> Iterator[None]:
    """Sends the tasks whose names match `patterns` to `queue` from this process: the
    embedded broker is shared by concurrent test runs, whose workers must not take (and
    drop, not finding the rows in their database) this run's jobs."""
    saved = app.conf.task_routes
    app.conf.task_routes = {pattern: {"queue": queue} for pattern in patterns}
    _router_reload()
    try:
        yield
    finally:
        app.conf.task_routes = saved
        _router_reload()


def _router_reload() -> None:
    app.amqp._rtable = None  # the router reads task_routes once: make it read them again
    app.amqp.router = app.amqp.Router()


@contextlib.contextmanager
def celery_worker(
    django_db_blocker,
    *,
    name: str,
    queue: str | None = None,
    concurrency: int = 1,
    env: dict[str, str] | None = None,
) -> Iterator[subprocess.Popen]:
    """A `celery worker` process on the test database, ready once it has recorded a
    heartbeat, stopped on exit. With `queue` it consumes that queue only."""
    hostname = queue or f"{name}-{os.getpid()}"
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool", "prefork"]
    command += ["--concurrency", str(concurrency), "--loglevel", "INFO"]
    command += ["--without-gossip", "--without-mingle", "--hostname", f"{hostname}@%h"]
    if queue:
        command += ["--queues", queue]
    environment = {**os.environ, "DATABASE_URL": databases.database_url_for_tests(), **(env or {})}
    log_path = ROOT / "var" / f"test-{name}-worker-{os.getpid()}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            with django_db_blocker.unblock():
                wait_for(
                    lambda: (
                        WorkerHeartbeat.objects.filter(worker__startswith=hostname).exists()
                        or process.poll() is not None
                    ),
                    what="the worker to start",
                )
            assert process.poll() is None, log_path.read_text()[-3000:]
            yield process
        finally:
            process.terminate()
            process.wait(timeout=30)
    log_path.unlink(missing_ok=True)
