"""Factories and helpers for the notification tests: deprecated versions, consumers,
and calls recorded straight into the usage rollups the cockpit reads."""

import datetime

import factory
from django.utils import timezone

from catalog.models import Lifecycle, Version
from notifications.models import Channel, Recipient, webhook_secret
from tests.factories import TeamFactory, VersionFactory
from usage.models import Consumer, DeclaredUse, UsageDaily, VersionDaily


class ConsumerFactory(factory.django.DjangoModelFactory[Consumer]):
    class Meta:
        model = Consumer

    slug = factory.Sequence(lambda n: f"consumer-{n}")
    name = factory.Sequence(lambda n: f"Consumer {n}")
    team = factory.SubFactory(TeamFactory)
    contact_email = factory.LazyAttribute(lambda consumer: f"{consumer.slug}@example.com")


class DeprecatedVersionFactory(VersionFactory):
    lifecycle = Lifecycle.DEPRECATED
    released_on = datetime.date(2025, 1, 1)
    deprecated_on = factory.LazyFunction(timezone.localdate)
    sunset_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=120))


class ChannelFactory(factory.django.DjangoModelFactory[Channel]):
    class Meta:
        model = Channel

    kind = Channel.Kind.WEBHOOK
    target = "http://127.0.0.1:9/hook"
    secret = factory.LazyFunction(webhook_secret)


def declare(consumer: Consumer, version: Version) -> DeclaredUse:
    return DeclaredUse.objects.create(consumer=consumer, version=version)


def record_calls(
    version: Version, day: datetime.date, calls: int, consumer: Consumer | None = None
) -> None:
    """Puts `calls` on `day` into both rollups, as the ingest would."""
    moment = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    UsageDaily.objects.create(
        day=day,
        version=version,
        operation="GET /things",
        consumer=consumer,
        status_class=2,
        calls=calls,
        first_seen=moment,
        last_seen=moment,
    )
    row, created = VersionDaily.objects.get_or_create(
        version=version,
        day=day,
        defaults={
            "calls": calls,
            "identified_calls": calls if consumer else 0,
            "error_calls": 0,
            "first_seen": moment,
            "last_seen": moment,
        },
    )
    if not created:
        row.calls += calls
        row.identified_calls += calls if consumer else 0
        row.save()


def team_recipient(team) -> Recipient:
    from notifications.services.audience import recipient_for_team

    return recipient_for_team(team)
