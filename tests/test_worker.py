"""Spec processing in a real Celery worker process, over a real broker (embedded or configured)."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import transaction

from catalog.models import SpecDocument
from catalog.services import Actor, version_attach_spec
from catalog.tasks import spec_process_task
from operations.models import WorkerHeartbeat
from tests.databases import database_url_for_tests
from tests.factories import VersionFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent

PETSTORE = b"""openapi: 3.0.3
info: {title: Pets, version: 1.10}
paths:
  /pets:
    get:
      operationId: listPets
      summary: List pets
      tags: [pets]
      responses: {'200': {description: ok}}
    post: {operationId: addPet, summary: Add a pet, responses: {'201': {description: created}}}
"""


def _wait_for(condition, timeout: float = 60.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker):
    """A `celery worker` process on the test database, shared by this module's tests
    (it outlives the flush between them); ready once it records a heartbeat."""
    env = {**os.environ, "DATABASE_URL": database_url_for_tests()}
    log = (ROOT / "var" / "test-worker.log").open("w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--loglevel",
            "INFO",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        with django_db_blocker.unblock():
            _wait_for(
                lambda: WorkerHeartbeat.objects.exists() or process.poll() is not None,
                what="the worker to start",
            )
        assert process.poll() is None, (ROOT / "var" / "test-worker.log").read_text()[-3000:]
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _status(spec_id: int) -> str:
    return SpecDocument.objects.only("status").get(pk=spec_id).status


def test_it_parses_an_upload_in_the_worker_after_commit(worker):
    version = VersionFactory()
    with transaction.atomic():
        spec = version_attach_spec(
            actor=Actor.system(), version=version, content=PETSTORE, filename="pets.yaml"
        )
    _wait_for(lambda: _status(spec.pk) == "ready", what="the spec to be parsed")

    spec.refresh_from_db()
    assert spec.info_version == "1.10"
    assert spec.openapi_family == "3.0"
    assert [op.operation_id for op in spec.operations.all()] == ["listPets", "addPet"]
    version.api.refresh_from_db()
    assert "List pets" in version.api.search_extra


def test_it_survives_hostile_documents_and_keeps_working(worker):
    # Rows written around the upload checks (an older portal, a restore): the worker
    # must mark them failed and stay alive for the next job.
    hostile = {
        "deep": b"a: " + b"[" * 100_000 + b"]" * 100_000,
        "bomb": b"a: &a [x,x,x,x,x,x,x,x,x]\n"
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n".encode()
            for i in range(9)
        ),
        "junk": b"\x00\xff not a spec",
    }
    ids = []
    for name, content in hostile.items():
        spec = SpecDocument.objects.create(
            sha256=f"{len(ids):064x}", content=content, size=len(content), filename=name
        )
        spec_process_task.delay(spec.pk)
        ids.append(spec.pk)
    for spec_id in ids:
        _wait_for(lambda spec_id=spec_id: _status(spec_id) == "failed", what="failure")

    good = SpecDocument.objects.create(sha256="f" * 64, content=PETSTORE, size=len(PETSTORE))
    spec_process_task.delay(good.pk)
    _wait_for(lambda: _status(good.pk) == "ready", what="the next job after hostile ones")
    assert worker.poll() is None
    codes = dict(SpecDocument.objects.filter(pk__in=ids).values_list("filename", "error_code"))
    assert codes["deep"] == "too-deep"
    assert codes["bomb"] == "alias-bomb"
    assert codes["junk"]


def test_it_is_safe_to_run_the_task_twice(worker):
    spec = SpecDocument.objects.create(sha256="e" * 64, content=PETSTORE, size=len(PETSTORE))
    spec_process_task.delay(spec.pk)
    spec_process_task.delay(spec.pk)
    _wait_for(lambda: _status(spec.pk) == "ready", what="the spec to be parsed")
    time.sleep(1)  # let the second run finish too
    assert spec.operations.count() == 2
