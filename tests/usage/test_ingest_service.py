"""Ingest through the service: attribution, rollups, idempotency, rejections."""

import datetime

import pytest
from django.utils import timezone

from usage.models import IngestRun, UnattributedDaily, UsageDaily, UsageEvent, VersionDaily
from usage.services import usage_ingest_batch

pytestmark = pytest.mark.django_db


def _at(minutes_ago: int = 5) -> str:
    return (timezone.now() - datetime.timedelta(minutes=minutes_ago)).isoformat()


def _event(**fields) -> dict:
    event = {
        "timestamp": _at(),
        "method": "GET",
        "host": "api.example.com",
        "path": "/payments/v1/refunds/42",
        "status": 200,
        "credential": "orders-client",
    }
    return event | fields


def test_it_attributes_calls_to_version_operation_and_consumer(v1, v2, orders):
    run = usage_ingest_batch(
        events=[
            _event(id="a"),
            _event(id="b", path="/payments/v1/refunds/search?q=x"),
            _event(id="c", path="/payments/v2/refunds", method="POST", status=201),
        ]
    )

    assert (run.received, run.accepted, run.duplicates, run.rejected) == (3, 3, 0, 0)
    rows = set(
        UsageDaily.objects.values_list("version", "operation", "consumer", "status_class", "calls")
    )
    assert rows == {
        (v1.pk, "GET /refunds/{refundId}", orders.pk, 2, 1),
        (v1.pk, "GET /refunds/search", orders.pk, 2, 1),
        (v2.pk, "POST /refunds", orders.pk, 2, 1),
    }
    assert VersionDaily.objects.get(version=v1).calls == 2
    assert UsageEvent.objects.count() == 3


def test_it_counts_the_same_event_once(v1, orders):
    events = [_event(id="same"), _event(id="same"), _event(id="other")]
    first = usage_ingest_batch(events=events)
    again = usage_ingest_batch(events=events)

    assert (first.accepted, first.duplicates) == (2, 1)
    assert (again.accepted, again.duplicates) == (0, 3)
    assert VersionDaily.objects.get(version=v1).calls == 2
    assert UsageDaily.objects.get().calls == 2


def test_it_counts_a_batch_of_stored_and_new_events_once(v1, orders):
    # The batch is first moved as all new; the stored keys, among new ones on either side
    # in key order, make that fail part way, and nothing of that attempt may remain.
    usage_ingest_batch(events=[_event(id=f"e{n}") for n in range(0, 10, 2)])
    run = usage_ingest_batch(events=[_event(id=f"e{n}") for n in range(10)])

    assert (run.accepted, run.duplicates) == (5, 5)
    assert VersionDaily.objects.get(version=v1).calls == 10
    assert UsageDaily.objects.get().calls == 10
    assert UsageEvent.objects.count() == 10


def test_it_identifies_events_without_id_by_content(v1, orders):
    event = _event()
    usage_ingest_batch(events=[event])
    usage_ingest_batch(events=[dict(reversed(event.items()))])  # same content, other order
    usage_ingest_batch(events=[event | {"status": 500}])

    assert VersionDaily.objects.get(version=v1).calls == 2
    assert VersionDaily.objects.get(version=v1).error_calls == 1


def test_it_counts_unattributed_traffic(v1, orders):
    usage_ingest_batch(
        events=[
            _event(id="1", host="unknown.example.com", path="/x/y/z"),
            _event(id="2", path="/payments/v1/nothing/here"),
            _event(id="3", credential="stranger"),
            _event(id="4", credential=""),
        ]
    )

    found = set(UnattributedDaily.objects.values_list("reason", "subject", "calls"))
    assert found == {
        ("no-version", "unknown.example.com /x/y", 1),
        ("no-operation", "GET /payments/v1/nothing/here", 1),
        ("unknown-credential", "stranger", 1),
        ("anonymous", "api.example.com", 1),
    }
    # The call on an unknown path is still the version's, with no operation.
    assert UsageDaily.objects.filter(version=v1, operation="").get().calls == 1


def test_it_takes_a_named_version_and_operation(v1, orders):
    usage_ingest_batch(
        events=[
            {
                "timestamp": _at(),
                "api": "payments",
                "version": "1.4.0",
                "operation": "getRefund",
                "method": "GET",
                "consumer": "orders",
                "status": 404,
            }
        ]
    )
    row = UsageDaily.objects.get()
    assert (row.version, row.operation, row.consumer, row.status_class) == (
        v1,
        "GET /refunds/{refundId}",
        orders,
        4,
    )


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("not an object", "not-an-object"),
        ({"method": "GET", "path": "/x"}, "missing-timestamp"),
        (_event(timestamp="yesterday"), "bad-timestamp"),
        (_event(timestamp="2026-01-01T00:00:00"), "bad-timestamp"),
        (_event(timestamp="0001-01-01T00:30:00+01:00"), "bad-timestamp"),
        (_event(timestamp="9999-12-31T23:30:00-01:00"), "bad-timestamp"),
        (_event(timestamp=_at(-60 * 24)), "in-future"),
        (_event(timestamp=_at(60 * 24 * 400)), "too-old"),
        (_event(method="GET /x"), "bad-method"),
        (_event(path="refunds"), "bad-path"),
        (_event(path="/a\nGET /forged HTTP/1.1"), "control-characters"),
        (_event(path="/\x1b[31mred"), "control-characters"),
        (_event(status=999), "bad-status"),
        (_event(consumer="nobody"), "unknown-consumer"),
        (_event(api="payments", version="9.9.9"), "unknown-version"),
        (_event(api="payments", version="1.4.0", operation="nope"), "unknown-operation"),
        (_event(colour="red"), "unknown-field"),
        (_event(id=["x"]), "bad-id"),
    ],
)
def test_it_refuses_malformed_events_with_a_reason(v1, orders, event, reason):
    run = usage_ingest_batch(events=[event, _event(id="good")])

    assert (run.received, run.accepted, run.rejected) == (2, 1, 1)
    assert run.rejections == {reason: 1}
    assert run.samples[0]["index"] == 0
    assert "\n" not in run.samples[0]["detail"] and "\x1b" not in run.samples[0]["detail"]
    assert UsageEvent.objects.count() == 1


def test_it_records_each_batch(v1, orders):
    usage_ingest_batch(events=[_event(id="1")], source="token ci")
    assert IngestRun.objects.get().source == "token ci"
