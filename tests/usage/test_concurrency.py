"""The same batches sent at once from several threads (each its own connection) are
stored and counted once."""

import datetime
import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from usage.models import UsageDaily, VersionDaily
from usage.services import usage_ingest_batch

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 6


@pytest.fixture(autouse=True)
def _empty_event_table():
    # The raw event table is not Django's (managed=False): the flush after a
    # transactional test leaves its rows, so they are removed here.
    yield
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE usage_event")


def _batch(first: int, count: int) -> list[dict]:
    when = timezone.now() - datetime.timedelta(minutes=2)
    return [
        {
            "id": f"call-{n}",
            "timestamp": (when - datetime.timedelta(days=n % 3)).isoformat(),
            "method": "GET",
            "host": "api.example.com",
            "path": f"/payments/v1/refunds/{n}",
            "status": 200 if n % 5 else 503,
            "credential": "orders-client" if n % 2 else "billing-client",
        }
        for n in range(first, first + count)
    ]


def _send_together(batches: list[list[dict]]) -> list:
    start = threading.Barrier(len(batches))
    results, errors = [], []

    def send(events):
        try:
            start.wait()
            results.append(usage_ingest_batch(events=events))
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def test_it_counts_a_batch_sent_from_several_threads_once(v1, orders, billing):
    results = _send_together([_batch(0, 300)] * THREADS)

    assert sum(run.accepted for run in results) == 300
    assert sum(run.duplicates for run in results) == 300 * (THREADS - 1)
    assert sum(VersionDaily.objects.values_list("calls", flat=True)) == 300
    assert sum(UsageDaily.objects.values_list("calls", flat=True)) == 300
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM usage_event")
        assert cursor.fetchone()[0] == 300


def test_it_counts_overlapping_batches_once(v1, orders, billing):
    # Each batch shares half its events with the next: 6 batches of 200 cover 700 events.
    results = _send_together([_batch(100 * n, 200) for n in range(THREADS)])

    assert sum(run.accepted for run in results) == 700
    assert sum(VersionDaily.objects.values_list("calls", flat=True)) == 700
    errors = sum(VersionDaily.objects.values_list("error_calls", flat=True))
    assert errors == 140  # every fifth status is a 503
