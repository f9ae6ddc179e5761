"""Spec processing in a real Celery worker process, over a real broker (embedded or configured)."""

import time
from pathlib import Path

import pytest
from django.db import transaction

from catalog.models import SpecDocument
from catalog.services import Actor, version_attach_spec
from catalog.tasks import spec_process_task
from tests.factories import VersionFactory
from tests.workers import celery_worker, wait_for

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


@pytest.fixture(scope="module")
def worker_process(django_db_setup, django_db_blocker):
    """A `celery worker` process on the test database, shared by this module's tests
    (it outlives the flush between them)."""
    with celery_worker(django_db_blocker, name="catalog") as process:
        yield process


def _status(spec_id: int) -> str:
    return SpecDocument.objects.only("status").get(pk=spec_id).status


def test_it_parses_an_upload_in_the_worker_after_commit(worker):
    version = VersionFactory()
    with transaction.atomic():
        spec = version_attach_spec(
            actor=Actor.system(), version=version, content=PETSTORE, filename="pets.yaml"
        )
    wait_for(lambda: _status(spec.pk) == "ready", what="the spec to be parsed")

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
        wait_for(lambda spec_id=spec_id: _status(spec_id) == "failed", what="failure")

    good = SpecDocument.objects.create(sha256="f" * 64, content=PETSTORE, size=len(PETSTORE))
    spec_process_task.delay(good.pk)
    wait_for(lambda: _status(good.pk) == "ready", what="the next job after hostile ones")
    assert worker.poll() is None
    codes = dict(SpecDocument.objects.filter(pk__in=ids).values_list("filename", "error_code"))
    assert codes["deep"] == "too-deep"
    assert codes["bomb"] == "alias-bomb"
    assert codes["junk"]


def test_it_is_safe_to_run_the_task_twice(worker):
    spec = SpecDocument.objects.create(sha256="e" * 64, content=PETSTORE, size=len(PETSTORE))
    spec_process_task.delay(spec.pk)
    spec_process_task.delay(spec.pk)
    wait_for(lambda: _status(spec.pk) == "ready", what="the spec to be parsed")
    time.sleep(1)  # let the second run finish too
    assert spec.operations.count() == 2
