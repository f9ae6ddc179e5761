"""The schedule: milestones written once, due at the right instant (also across daylight
saving changes), gathered into one digest per recipient and day."""

import datetime
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from catalog.models import Lifecycle
from catalog.services import Actor
from catalog.services.versions import version_deprecate, version_update
from notifications.clock import day_start, milestone_due
from notifications.models import Delivery, Digest, Milestone, Notice
from notifications.services.deliveries import delivery_attempt
from notifications.services.digests import digest_build, recipients_due
from notifications.services.schedule import notices_plan, notices_plan_all
from tests.factories import TeamFactory, VersionFactory
from tests.notifications.factories import ConsumerFactory, declare, record_calls

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def version(api):
    return VersionFactory(api=api, version="1.0.0", major=1, released_on=datetime.date(2026, 1, 1))


def _deprecate(version, sunset_on, **extra):
    return version_deprecate(
        actor=Actor.system("test"), version=version, sunset_on=sunset_on, **extra
    )


def test_it_sends_every_milestone_to_the_owner_team_and_each_consumer(version):
    consumer = ConsumerFactory()
    declare(consumer, version)
    caller = ConsumerFactory()
    record_calls(version, timezone.localdate(), 40, consumer=caller)
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        _deprecate(version, datetime.date(2026, 9, 1))
    recipients = set(Notice.objects.values_list("recipient__name", flat=True))
    assert recipients == {"Payments", consumer.name, caller.name}
    assert Notice.objects.count() == 3 * 6  # deprecated, 90, 30, 7, 1 days, sunset


def test_it_never_writes_a_milestone_twice(version):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        _deprecate(version, datetime.date(2026, 9, 1))
        count = Notice.objects.count()
        version.refresh_from_db()
        assert notices_plan(version=version) == 0
        assert notices_plan_all() == 0
    assert Notice.objects.count() == count


def test_it_writes_nothing_when_the_deprecation_rolls_back(version):
    with pytest.raises(RuntimeError), transaction.atomic():
        _deprecate(version, datetime.date(2099, 1, 1))
        raise RuntimeError("the request failed after the deprecation")
    assert not Notice.objects.exists()


def test_it_moves_unsent_notices_with_the_sunset_date(version):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        version = _deprecate(version, datetime.date(2026, 9, 1))
        version = _deprecate(version, datetime.date(2026, 10, 1))
    due = Notice.objects.get(milestone=Milestone.SUNSET).due_at
    assert due == day_start(datetime.date(2026, 10, 1))


def test_it_cancels_unsent_notices_when_the_version_is_released_again(version):
    version = _deprecate(version, datetime.date(2099, 1, 1))
    version_update(actor=Actor.system("test"), version=version, lifecycle=Lifecycle.RELEASED)
    assert not Notice.objects.filter(digest__isnull=True).exists()


def test_it_makes_the_sunset_due_at_its_instant_and_not_a_second_before(version):
    sunset = datetime.date(2026, 6, 1)
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=UTC), tick=False):
        _deprecate(version, sunset)
    instant = day_start(sunset)
    sunset_notice = Notice.objects.get(milestone=Milestone.SUNSET)
    assert sunset_notice.due_at == instant == datetime.datetime(2026, 6, 1, tzinfo=UTC)
    # The milestones before it are sent on their days; here, the sunset alone is left.
    Notice.objects.exclude(milestone=Milestone.SUNSET).update(digest=None, due_at=instant)
    Notice.objects.exclude(milestone=Milestone.SUNSET).delete()
    with time_machine.travel(instant - datetime.timedelta(seconds=1), tick=False):
        assert recipients_due() == []
        assert digest_build(recipient_id=sunset_notice.recipient_id) is None
    with time_machine.travel(instant, tick=False):
        assert recipients_due() == [sunset_notice.recipient_id]
        assert digest_build(recipient_id=sunset_notice.recipient_id) is not None


@pytest.mark.parametrize(
    ("sunset", "hours"),
    [
        (datetime.date(2026, 3, 30), 23),  # Paris moves to summer time on 29 March 2026
        (datetime.date(2026, 10, 26), 25),  # and back on 25 October 2026
    ],
)
def test_it_counts_days_in_the_portal_zone_across_daylight_saving(settings, sunset, hours):
    settings.TIME_ZONE = "Europe/Paris"
    one_day = milestone_due(Milestone.DAYS_1, sunset_on=sunset)
    at_sunset = milestone_due(Milestone.SUNSET, sunset_on=sunset)
    assert at_sunset - one_day == datetime.timedelta(hours=hours)
    assert at_sunset.astimezone(datetime.UTC).hour in (22, 23)  # local midnight


def test_it_sends_the_day_before_notice_at_local_midnight_on_a_dst_night(settings, version):
    settings.TIME_ZONE = "Europe/Paris"
    with time_machine.travel(datetime.datetime(2026, 2, 20, 12, tzinfo=UTC), tick=False):
        _deprecate(version, datetime.date(2026, 3, 30))
    notice = Notice.objects.get(milestone=Milestone.DAYS_1)
    # 29 March 00:00 in Paris is still winter time (UTC+1): 28 March 23:00 UTC.
    assert notice.due_at == datetime.datetime(2026, 3, 28, 23, tzinfo=UTC)
    Notice.objects.exclude(pk=notice.pk).update(due_at=datetime.datetime(2027, 1, 1, tzinfo=UTC))
    with time_machine.travel(datetime.datetime(2026, 3, 28, 22, 59, 59, tzinfo=UTC), tick=False):
        assert recipients_due() == []
    with time_machine.travel(datetime.datetime(2026, 3, 28, 23, tzinfo=UTC), tick=False):
        assert recipients_due() == [notice.recipient_id]


def test_it_gathers_a_day_of_notices_into_one_digest(version, api):
    other = VersionFactory(api=api, version="2.0.0", major=2, released_on=datetime.date(2026, 1, 1))
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        _deprecate(version, datetime.date(2026, 9, 1))
        _deprecate(other, datetime.date(2026, 9, 1))
        recipient_id = Notice.objects.values_list("recipient_id", flat=True).first()
        digest = digest_build(recipient_id=recipient_id)
        assert digest.notices.count() == 2
        assert digest_build(recipient_id=recipient_id) is None  # one a day
        delivery = Delivery.objects.get(digest=digest)
        assert delivery_attempt(delivery_id=delivery.pk) == Delivery.Status.SENT
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["payments@example.com"]
    assert "2 API versions" in message.subject
    assert "/notifications/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_it_plans_the_after_sunset_notice_while_calls_continue(version):
    with time_machine.travel(datetime.datetime(2026, 3, 1, 9, tzinfo=UTC), tick=False):
        version = _deprecate(version, datetime.date(2026, 4, 15))
    with time_machine.travel(datetime.datetime(2026, 4, 20, 9, tzinfo=UTC), tick=False):
        assert notices_plan(version=version) == 0  # no call after the sunset yet
        record_calls(version, datetime.date(2026, 4, 19), 3)
        assert notices_plan(version=version) == 1
        assert notices_plan(version=version) == 0
    assert Notice.objects.filter(milestone=Milestone.AFTER_SUNSET).count() == 1


@pytest.mark.django_db(transaction=True)
def test_it_builds_one_digest_when_two_workers_race():
    team = TeamFactory(slug="payments", name="Payments")
    version = VersionFactory(api__team=team, released_on=datetime.date(2026, 1, 1))
    _deprecate(version, datetime.date(2099, 1, 1))
    recipient_id = Notice.objects.values_list("recipient_id", flat=True).first()
    barrier = threading.Barrier(2)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(digest_build(recipient_id=recipient_id))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len([digest for digest in results if digest is not None]) == 1
    assert Digest.objects.count() == 1
    deliveries = list(Delivery.objects.values_list("pk", flat=True))
    sent = []

    def sender(pk):
        try:
            barrier.wait()
            sent.append(delivery_attempt(delivery_id=pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=sender, args=deliveries) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent, key=str) == [None, Delivery.Status.SENT]
    assert len(mail.outbox) == 1
