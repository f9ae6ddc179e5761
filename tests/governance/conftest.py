"""Fixtures of the governance tests; the personas come from tests/conftest.py."""

import os

import pytest

from catalog.models import Version
from tests.api.conftest import _fresh_rate_limits, persona  # noqa: F401 (fixtures)
from tests.factories import VersionFactory
from tests.governance.factories import SpecDocumentFactory
from tests.workers import celery_worker, tasks_routed_to

WORKER_TIME_LIMIT = 20  # seconds, for the worker's lint tasks


@pytest.fixture
def version(api) -> Version:
    """Version 1.0.0 of the Payments API, with a parsed spec."""
    return VersionFactory(api=api, version="1.0.0", major=1, spec=SpecDocumentFactory())


@pytest.fixture(scope="module")
def worker_process(django_db_setup, django_db_blocker):
    """A `celery worker` on the test database that consumes a queue of this test run only,
    shared by the tests of a module (it outlives the flush between them)."""
    queue = f"governance-test-{os.getpid()}"
    env = {"PORTAL_LINT_QUEUE": queue, "PORTAL_LINT_TIME_LIMIT": str(WORKER_TIME_LIMIT)}
    with (
        tasks_routed_to(queue, "catalog.tasks.*", "governance.tasks.*"),
        celery_worker(django_db_blocker, name="governance", queue=queue, env=env) as process,
    ):
        yield process
