"""Real Celery worker processes for the tests that need one: the tasks that matter are
tested in a worker over a broker, never eagerly in the test's process."""

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from kombu.exceptions import ChannelError

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


def use_broker(url: str) -> str:
    """Points this process's Celery app at the broker at `url`; returns the URL it used."""
    saved = app.conf.broker_url
    # The read and write URLs were copied from broker_url when the app was configured.
    app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = url
    app._pool = None  # the connection pool was made for the old URL
    app.amqp._producer_pool = None
    return saved


def _router_reload() -> None:
    app.amqp._rtable = None  # the router reads task_routes once: make it read them again
    app.amqp.router = app.amqp.Router()


class WorkerProcess(subprocess.Popen):
    """A `celery worker` process that can say when it has nothing left to do."""

    def __init__(self, command: list[str], *, hostname: str, queue: str, **options) -> None:
        super().__init__(command, **options)
        self.hostname = hostname
        self.queue = queue

    def wait_until_idle(self, *, timeout: float = 60.0) -> None:
        """Waits until no job is queued for the worker, running in it, or held for later
        (a countdown), twice in a row, so that a follow-up it enqueued is seen too.

        The test database is flushed (TRUNCATE) after each test: with a job still reading
        tables, the two deadlock.
        """
        if self.poll() is not None:
            return
        wait_for(
            lambda: self._idle() and (time.sleep(0.2) or self._idle()),
            timeout=timeout,
            what=f"{self.hostname} to finish its jobs",
        )

    def _idle(self) -> bool:
        with app.connection_for_write() as connection:
            try:
                declared = connection.default_channel.queue_declare(queue=self.queue, passive=True)
            except ChannelError:
                pass  # no such queue: Redis keeps a queue only while it holds messages
            else:
                if declared.message_count:
                    return False
        inspect = app.control.inspect(destination=[self.hostname], timeout=2.0)
        for jobs in (inspect.active(), inspect.reserved(), inspect.scheduled()):
            if jobs is None or any(jobs.values()):  # None: no reply yet
                return False
        return True


@contextlib.contextmanager
def celery_worker(
    django_db_blocker,
    *,
    name: str,
    queue: str | None = None,
    concurrency: int = 1,
    env: dict[str, str] | None = None,
) -> Iterator[WorkerProcess]:
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
        process = WorkerProcess(
            command,
            hostname=f"{hostname}@{socket.gethostname()}",
            queue=queue or app.conf.task_default_queue,
            cwd=ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
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
