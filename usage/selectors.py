"""What the usage app answers: who calls a version, how much, and lately.

These are the read side that the sunset cockpit, the notifications and the release review
use; their names and return shapes are kept stable. Windows are in whole days ending
today (UTC), so "the last 30 days" is today and the 29 days before.
"""

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, Max, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from catalog.models import Version
from usage.models import (
    Consumer,
    DeclaredUse,
    IngestRun,
    UnattributedDaily,
    UsageDaily,
    VersionDaily,
)

_PARAMETER = re.compile(r"\{[^}/]*\}")


def window_start(days: int) -> datetime.date:
    """The first day of a window of `days` days that ends today."""
    return timezone.now().date() - datetime.timedelta(days=max(days, 1) - 1)


@dataclass(frozen=True)
class VersionConsumer:
    """A consumer of a version: declared, seen calling in the window, or both."""

    consumer: Consumer
    declared: bool
    calls: int
    last_seen: datetime.datetime | None


def version_consumers(version: Version, *, seen_within_days: int = 30) -> list[VersionConsumer]:
    """Consumers that declared use of the version or called it in the window, most calls
    first. Consumers come with their team (for contacts), in two queries."""
    seen = {
        row["consumer"]: row
        for row in UsageDaily.objects.filter(
            version=version, day__gte=window_start(seen_within_days), consumer__isnull=False
        )
        .values("consumer")
        .annotate(calls=Sum("calls"), last_seen=Max("last_seen"))
    }
    declared = set(
        DeclaredUse.objects.filter(version=version).values_list("consumer_id", flat=True)
    )
    consumers = Consumer.objects.filter(pk__in=set(seen) | declared).select_related("team")
    found = [
        VersionConsumer(
            consumer=consumer,
            declared=consumer.pk in declared,
            calls=seen.get(consumer.pk, {}).get("calls") or 0,
            last_seen=seen.get(consumer.pk, {}).get("last_seen"),
        )
        for consumer in consumers
    ]
    return sorted(found, key=lambda use: (-use.calls, use.consumer.name))


def version_unidentified_calls(version: Version, *, days: int = 30) -> int:
    """Calls to the version in the window whose consumer is unknown."""
    total = UsageDaily.objects.filter(
        version=version, day__gte=window_start(days), consumer__isnull=True
    ).aggregate(calls=Sum("calls"))["calls"]
    return total or 0


@dataclass(frozen=True)
class DayCalls:
    day: datetime.date
    calls: int
    identified_calls: int


def version_daily_calls(version: Version, *, days: int = 90) -> list[DayCalls]:
    """Calls per day over the window, oldest first, days without calls as zero: the
    burn-down chart's data."""
    start = window_start(days)
    rows = {
        row.day: row
        for row in VersionDaily.objects.filter(version=version, day__gte=start).only(
            "day", "calls", "identified_calls"
        )
    }
    series = []
    for offset in range(max(days, 1)):
        day = start + datetime.timedelta(days=offset)
        row = rows.get(day)
        series.append(DayCalls(day, row.calls if row else 0, row.identified_calls if row else 0))
    return series


def version_last_seen(version: Version) -> datetime.datetime | None:
    """When the version was last called, within the rollups kept."""
    return (
        VersionDaily.objects.filter(version=version)
        .order_by("-day")
        .values_list("last_seen", flat=True)
        .first()
    )


def versions_with_usage(queryset: QuerySet[Version], *, days: int = 30) -> QuerySet[Version]:
    """The versions annotated with `recent_calls` (in the window), `last_seen` and
    `declared_consumers`, one subquery each on indexed rollups: sortable by any of them."""
    recent = (
        VersionDaily.objects.filter(version=OuterRef("pk"), day__gte=window_start(days))
        .values("version")
        .annotate(total=Sum("calls"))
        .values("total")
    )
    last = VersionDaily.objects.filter(version=OuterRef("pk")).order_by("-day")
    declared = (
        DeclaredUse.objects.filter(version=OuterRef("pk"))
        .values("version")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return queryset.annotate(
        recent_calls=Coalesce(Subquery(recent, output_field=IntegerField()), 0),
        last_seen=Subquery(last.values("last_seen")[:1]),
        declared_consumers=Coalesce(Subquery(declared, output_field=IntegerField()), 0),
    )


def normalise_operation(operation: str | tuple[str, str]) -> str:
    """'get /pets/{petId}' or ('GET', '/pets/{id}') as 'GET /pets/{}': parameter names
    differ between versions of a spec, the operation does not."""
    if isinstance(operation, tuple):
        method, path = operation
    else:
        method, _, path = operation.strip().partition(" ")
    return f"{method.upper()} {_PARAMETER.sub('{}', path.strip())}"


@dataclass
class ConsumerOperations:
    """What one consumer called of a set of operations: operation -> calls."""

    consumer: Consumer
    operations: dict[str, int] = field(default_factory=dict)
    last_seen: datetime.datetime | None = None


def consumers_calling_operations(
    version: Version, operations: Iterable[str | tuple[str, str]], *, days: int = 30
) -> list[ConsumerOperations]:
    """The consumers that called any of `operations` of `version` in the window, each with
    the operations it called (as the version's spec writes them) and its calls.

    Operations are "METHOD /path" strings or (method, path) pairs; parameter names do not
    matter. Calls from unknown consumers are not listed (see version_unidentified_calls).
    """
    wanted = {normalise_operation(operation) for operation in operations}
    if not wanted:
        return []
    rows = (
        UsageDaily.objects.filter(
            version=version, day__gte=window_start(days), consumer__isnull=False
        )
        .exclude(operation="")
        .values("consumer", "operation")
        .annotate(calls=Sum("calls"), last_seen=Max("last_seen"))
    )
    by_consumer: dict[int, ConsumerOperations] = {}
    matched = [row for row in rows if normalise_operation(row["operation"]) in wanted]
    consumers = Consumer.objects.select_related("team").in_bulk(
        {row["consumer"] for row in matched}
    )
    for row in matched:
        entry = by_consumer.setdefault(
            row["consumer"], ConsumerOperations(consumer=consumers[row["consumer"]])
        )
        entry.operations[row["operation"]] = row["calls"]
        if entry.last_seen is None or row["last_seen"] > entry.last_seen:
            entry.last_seen = row["last_seen"]
    return sorted(by_consumer.values(), key=lambda entry: entry.consumer.name)


def consumer_usage(consumer: Consumer, *, days: int = 30) -> list[dict]:
    """What a consumer called in the window, per version and operation, most calls first."""
    return list(
        UsageDaily.objects.filter(consumer=consumer, day__gte=window_start(days))
        .values("version", "version__version", "version__api__slug", "version__api__name")
        .annotate(calls=Sum("calls"), last_seen=Max("last_seen"))
        .order_by("-calls")
    )


def unattributed_traffic(*, days: int = 30, include_anonymous: bool = False) -> QuerySet:
    """Unattributed calls in the window per reason and subject, most calls first."""
    rows = UnattributedDaily.objects.filter(day__gte=window_start(days))
    if not include_anonymous:
        rows = rows.exclude(reason=UnattributedDaily.Reason.ANONYMOUS)
    return (
        rows.values("reason", "subject", "version", "version__version", "version__api__slug")
        .annotate(calls=Sum("calls"), last_seen=Max("last_seen"), sample=Max("sample"))
        .order_by("-calls", "reason", "subject")
    )


def recent_ingest_runs(limit: int = 20) -> QuerySet[IngestRun]:
    return IngestRun.objects.select_related("token")[:limit]
