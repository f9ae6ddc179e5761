"""Webhook deliveries against a receiver on loopback: signatures, hangs, failures with
backoff up to the dead letter, 410 Gone, and no requests to private addresses."""

import base64
import datetime
import hashlib
import hmac
import json

import pytest
import time_machine

from catalog.services import Actor
from catalog.services.versions import version_deprecate
from notifications.channels import transport
from notifications.models import Channel, Delivery, DeliveryAttempt, Notice
from notifications.services.deliveries import delivery_attempt
from notifications.services.digests import digest_build
from tests.factories import VersionFactory
from tests.notifications.factories import ChannelFactory, team_recipient
from tests.notifications.receiver import Receiver

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)


@pytest.fixture
def receiver():
    with Receiver() as running:
        yield running


@pytest.fixture
def loopback_allowed(settings):
    settings.PORTAL_WEBHOOK_PRIVATE_NETWORKS = ["127.0.0.1/32"]
    settings.PORTAL_WEBHOOK_TIMEOUT = 1
    settings.PORTAL_WEBHOOK_MAX_ATTEMPTS = 10


def _delivery(api, url: str) -> Delivery:
    """A deprecation whose digest goes to a webhook channel only."""
    recipient = team_recipient(api.team)
    recipient.channels.all().delete()
    channel = ChannelFactory(recipient=recipient, target=url)
    version = VersionFactory(api=api, released_on=datetime.date(2026, 1, 1))
    with time_machine.travel(START, tick=False):
        version_deprecate(
            actor=Actor.system("test"), version=version, sunset_on=datetime.date(2026, 9, 1)
        )
        digest_build(recipient_id=recipient.pk)
    return Delivery.objects.get(channel=channel)


def _attempt(delivery: Delivery, at: datetime.datetime) -> str | None:
    with time_machine.travel(at, tick=False):
        return delivery_attempt(delivery_id=delivery.pk)


def test_it_signs_in_the_standard_webhooks_way(api, receiver, loopback_allowed):
    delivery = _delivery(api, receiver.url)
    assert _attempt(delivery, START) == Delivery.Status.SENT
    (request,) = receiver.behaviour.received
    headers = {name.lower(): value for name, value in request["headers"].items()}
    secret = delivery.channel.secret
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + request["body"]
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    assert headers["webhook-signature"] == f"v1,{expected}"
    assert headers["webhook-id"] == delivery.message_id
    assert headers["webhook-timestamp"] == str(int(START.timestamp()))
    payload = json.loads(request["body"])
    assert payload["type"] == "version.sunset.digest"
    assert payload["data"]["notices"][0]["milestone"] == "deprecated"


def test_it_backs_off_ten_failures_and_dead_letters_the_delivery(api, receiver, loopback_allowed):
    receiver.behaviour.statuses = [500] * 10
    delivery = _delivery(api, receiver.url)
    moment = START
    for attempt in range(1, 11):
        status = _attempt(delivery, moment)
        delivery.refresh_from_db()
        assert delivery.attempts == attempt
        if attempt < 10:
            assert status == Delivery.Status.PENDING
            wait = delivery.next_attempt_at - moment
            assert datetime.timedelta(seconds=15 * 2 ** (attempt - 1)) <= wait
            assert wait <= datetime.timedelta(seconds=30 * 2 ** (attempt - 1))
            # Not before its time: an early try does not claim it.
            assert _attempt(delivery, moment + wait / 2) is None
            moment = delivery.next_attempt_at
    assert status == Delivery.Status.DEAD
    assert delivery.last_error == "the receiver answered 500"
    assert DeliveryAttempt.objects.filter(delivery=delivery).count() == 10
    assert len(receiver.behaviour.received) == 10


def test_it_times_out_a_receiver_that_hangs(api, receiver, loopback_allowed):
    receiver.behaviour.hang_seconds = 3
    delivery = _delivery(api, receiver.url)
    assert _attempt(delivery, START) == Delivery.Status.PENDING
    attempt = DeliveryAttempt.objects.get(delivery=delivery)
    assert "timed out" in attempt.error.lower()
    assert attempt.status_code is None


def test_it_turns_the_channel_off_on_410_gone(api, receiver, loopback_allowed):
    receiver.behaviour.statuses = [410]
    delivery = _delivery(api, receiver.url)
    assert _attempt(delivery, START) == Delivery.Status.DEAD
    channel = Channel.objects.get(pk=delivery.channel_id)
    assert not channel.enabled
    assert "410" in channel.disabled_reason


@pytest.mark.parametrize(
    "internal",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://[::1]:8080/"],
)
def test_it_does_not_follow_a_redirect_to_an_internal_address(
    api, receiver, loopback_allowed, internal
):
    receiver.behaviour.location = internal
    delivery = _delivery(api, receiver.url)
    assert _attempt(delivery, START) == Delivery.Status.DEAD
    delivery.refresh_from_db()
    assert delivery.last_error.startswith("refused:")
    assert len(receiver.behaviour.received) == 1  # only the redirecting receiver was called


def test_it_refuses_loopback_unless_a_setting_allows_it(api, receiver, settings):
    settings.PORTAL_WEBHOOK_PRIVATE_NETWORKS = []
    delivery = _delivery(api, receiver.url.replace("127.0.0.1", "localhost"))
    assert _attempt(delivery, START) == Delivery.Status.DEAD
    delivery.refresh_from_db()
    assert "private or reserved address" in delivery.last_error
    assert receiver.behaviour.received == []


def test_it_checks_every_address_a_name_resolves_to(monkeypatch, settings):
    settings.PORTAL_WEBHOOK_PRIVATE_NETWORKS = []
    answers = [(2, 1, 6, "", ("93.184.215.14", 443)), (2, 1, 6, "", ("10.1.2.3", 443))]
    monkeypatch.setattr(transport.socket, "getaddrinfo", lambda *args, **kwargs: answers)
    with pytest.raises(transport.UnsafeTarget):
        transport.checked_address("rebinding.example", 443)


def test_it_keeps_the_notice_in_the_digest_once_sent(api, receiver, loopback_allowed):
    delivery = _delivery(api, receiver.url)
    _attempt(delivery, START)
    assert _attempt(delivery, START + datetime.timedelta(hours=1)) is None  # already sent
    assert Notice.objects.filter(digest=delivery.digest).count() == 1
    assert len(receiver.behaviour.received) == 1


def test_it_signs_the_id_the_timestamp_and_the_body_together():
    from notifications.channels.webhook import signature

    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    one = signature(secret=secret, message_id="msg_1", timestamp=1, body=b"{}")
    assert one == signature(secret=secret, message_id="msg_1", timestamp=1, body=b"{}")
    assert one != signature(secret=secret, message_id="msg_1", timestamp=2, body=b"{}")
