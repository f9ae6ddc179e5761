"""Day partitions of the raw event table: made before events need them, dropped past
retention. Dropping a partition is a catalog change, not a delete of millions of rows."""

import datetime
import re

from django.db import connection, transaction
from django.utils import timezone

PARENT = "usage_event"
_NAME = re.compile(r"^usage_event_(\d{8})$")

# Days known to have a partition in this process, so a batch asks the database once.
_known: set[datetime.date] = set()


def partition_name(day: datetime.date) -> str:
    return f"{PARENT}_{day:%Y%m%d}"


def partitions_ensure(*, days: set[datetime.date]) -> None:
    """Makes the partitions of `days` that do not exist. Safe to run concurrently (an
    advisory lock serialises creators) and twice. Runs in its own transaction, so that
    an ingest transaction never holds the parent table's lock while it stores events."""
    missing = days - _known
    if not missing:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [PARENT])
        existing = set(partition_days(cursor))
        for day in sorted(missing - existing):
            following = day + datetime.timedelta(days=1)
            cursor.execute(
                f"CREATE TABLE {partition_name(day)} PARTITION OF {PARENT} "
                f"FOR VALUES FROM ('{day.isoformat()}') TO ('{following.isoformat()}')"
            )
        # Remembered once committed: a rolled-back creation must be asked for again.
        transaction.on_commit(lambda: _known.update(missing))


def partition_days(cursor) -> list[datetime.date]:
    """The days that have a partition, oldest first."""
    cursor.execute(
        "SELECT child.relname FROM pg_inherits "
        "JOIN pg_class parent ON parent.oid = pg_inherits.inhparent "
        "JOIN pg_class child ON child.oid = pg_inherits.inhrelid "
        "WHERE parent.relname = %s",
        [PARENT],
    )
    days = []
    for (name,) in cursor.fetchall():
        found = _NAME.match(name)
        if found:
            days.append(datetime.datetime.strptime(found.group(1), "%Y%m%d").date())
    return sorted(days)


def partitions_drop_before(*, day: datetime.date) -> list[datetime.date]:
    """Drops the partitions of days before `day`; returns those days. Safe to repeat."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [PARENT])
        dropped = [old for old in partition_days(cursor) if old < day]
        for old in dropped:
            cursor.execute(f"DROP TABLE {partition_name(old)}")
    _known.difference_update(dropped)
    return dropped


def partitions_forget() -> None:
    """Forgets the days known in this process (tests drop and recreate databases)."""
    _known.clear()


def today() -> datetime.date:
    return timezone.now().astimezone(datetime.UTC).date()
