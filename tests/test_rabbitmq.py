"""The worker path over RabbitMQ, the other production broker: a pushed spec is parsed and
linted by a real worker over AMQP, and the health check speaks AMQP.

The embedded Valkey broker serves every other worker test. These need a RabbitMQ server
(PORTAL_TEST_AMQP_URL, by default the one on loopback with its guest account) and are
skipped, saying so, on a machine without one. Every task goes to a queue of this test run
(the worker's default queue too), deleted at the end, so nothing is left on a shared server.
"""

import os

import pytest
from django.db import transaction
from kombu import Connection
from kombu.exceptions import OperationalError

from catalog.services import Actor, version_attach_spec
from governance.models import LintRun
from governance.services import ruleset_assign, ruleset_create
from operations.services import heartbeat_record
from portal.celery import app
from tests.factories import VersionFactory
from tests.governance.test_worker import CONTACT_RULES, PETS
from tests.workers import celery_worker, tasks_routed_to, use_broker, wait_for

AMQP_URL = os.environ.get("PORTAL_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")


def _rabbitmq_missing() -> str | None:
    try:
        with Connection(AMQP_URL, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1, timeout=2)
    except (OSError, OperationalError) as exc:
        return f"no RabbitMQ at {AMQP_URL} ({exc})"
    return None


pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(bool(missing := _rabbitmq_missing()), reason=missing or ""),
]


@pytest.fixture(scope="module")
def worker_process(django_db_setup, django_db_blocker):
    queue = f"rabbitmq-test-{os.getpid()}"
    env = {"CELERY_BROKER_URL": AMQP_URL, "CELERY_TASK_DEFAULT_QUEUE": queue}
    saved = use_broker(AMQP_URL)
    try:
        with (
            tasks_routed_to(queue, "*"),
            celery_worker(django_db_blocker, name="rabbitmq", queue=queue, env=env) as process,
        ):
            yield process
    finally:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_delete(queue)
        use_broker(saved)


@pytest.mark.django_db(transaction=True)
def test_it_parses_and_lints_a_pushed_spec_over_rabbitmq(worker, team):
    actor = Actor.system("test")
    ruleset = ruleset_create(actor=actor, name="Contacts", source=CONTACT_RULES)
    ruleset_assign(actor=actor, ruleset=ruleset, team=team)
    version = VersionFactory(api__team=team, version="1.0.0", major=1)
    with transaction.atomic():
        spec = version_attach_spec(actor=actor, version=version, content=PETS, filename="p.yaml")

    run = wait_for(
        lambda: LintRun.objects.filter(spec=spec, status="done").first(), what="the lint run"
    )
    spec.refresh_from_db()
    assert spec.status == "ready" and spec.openapi_family == "3.0"
    assert run.revision.ruleset == ruleset
    assert list(run.findings.values_list("code", "start_line")) == [("info-contact", 1)]
    assert worker.poll() is None


@pytest.mark.django_db
def test_the_health_check_reaches_a_rabbitmq_broker(client, settings):
    settings.CELERY_BROKER_URL = AMQP_URL
    heartbeat_record(worker="celery@test")

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["status"] == "up"
