"""The read side other apps call: consumers of a version, calls per day, item 6's
consumers per operation, deprecated versions in use; and retention."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from tests.usage.factories import ConsumerFactory, DeclaredUseFactory
from usage import selectors
from usage.models import UsageDaily, VersionDaily
from usage.services import usage_ingest_batch, usage_maintain
from usage.services.partitions import partition_days

pytestmark = pytest.mark.django_db


def _call(path: str, credential: str, *, days_ago: int = 0, method: str = "GET") -> dict:
    when = timezone.now() - datetime.timedelta(days=days_ago, minutes=1)
    return {
        "timestamp": when.isoformat(),
        "method": method,
        "host": "api.example.com",
        "path": path,
        "credential": credential,
        "status": 200,
    }


@pytest.fixture
def traffic(v1, orders, billing):
    usage_ingest_batch(
        events=[
            _call("/payments/v1/refunds/1", "orders-client"),
            _call("/payments/v1/refunds/2", "orders-client", days_ago=3),
            _call("/payments/v1/refunds", "billing-client", method="POST"),
            _call("/payments/v1/refunds", "billing-client", days_ago=20),
            _call("/payments/v1/refunds", "nobody"),
        ]
    )


def test_version_consumers_joins_declared_and_seen(v1, orders, billing, traffic, team):
    quiet = ConsumerFactory(team=team, name="Quiet")
    DeclaredUseFactory(consumer=quiet, version=v1)
    DeclaredUseFactory(consumer=orders, version=v1)

    found = {use.consumer.slug: use for use in selectors.version_consumers(v1)}

    assert (found["orders"].declared, found["orders"].calls) == (True, 2)
    assert (found["billing"].declared, found["billing"].calls) == (False, 2)
    assert (found[quiet.slug].calls, found[quiet.slug].last_seen) == (0, None)
    recent = selectors.version_consumers(v1, seen_within_days=2)
    assert {use.consumer.slug: use.calls for use in recent} == {
        "orders": 1,
        "billing": 1,
        quiet.slug: 0,
    }
    assert selectors.version_unidentified_calls(v1) == 1


def test_consumers_calling_operations_ignores_parameter_names(v1, orders, billing, traffic):
    found = selectors.consumers_calling_operations(v1, ["get /refunds/{id}", ("POST", "/x")])

    assert [(entry.consumer.slug, entry.operations) for entry in found] == [
        ("orders", {"GET /refunds/{refundId}": 2})
    ]
    assert selectors.consumers_calling_operations(v1, []) == []


def test_daily_calls_are_zero_filled(v1, traffic):
    series = selectors.version_daily_calls(v1, days=30)
    assert len(series) == 30 and series[-1].day == timezone.now().date()
    assert sum(day.calls for day in series) == 5
    assert series[-4].calls == 1  # three days ago
    assert selectors.version_last_seen(v1) is not None


def test_maintenance_drops_old_partitions_and_rollups(settings, v1, traffic):
    today = timezone.now().date()
    old = today - datetime.timedelta(days=800)
    VersionDaily.objects.create(
        day=old,
        version=v1,
        calls=1,
        identified_calls=1,
        error_calls=0,
        first_seen=timezone.now(),
        last_seen=timezone.now(),
    )
    settings.PORTAL_USAGE_RAW_RETENTION_DAYS = 10
    settings.PORTAL_USAGE_MAX_PAST_DAYS = 5

    result = usage_maintain()
    usage_maintain()  # twice is harmless

    with connection.cursor() as cursor:
        days = partition_days(cursor)
    assert days[0] >= today - datetime.timedelta(days=10)
    assert days[-1] == today + datetime.timedelta(days=3)
    assert result["partitions_dropped"] >= 1  # the one of 20 days ago
    assert not VersionDaily.objects.filter(day=old).exists()
    assert UsageDaily.objects.exists()
