"""What the sunset cockpit and the notification pages read."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)

from catalog.models import Lifecycle, Version
from notifications.models import Channel, Delivery, DeliveryAttempt, Milestone, Notice, Recipient
from usage import selectors as usage
from usage.models import DeclaredUse, VersionDaily

TRAFFIC_DAYS = 30  # "in use" means called in this window, or still declared
CHART_DAYS = 90
SORTS = ("sunset", "-sunset", "traffic", "-traffic")
NO_SUNSET = datetime.date.max


@dataclass(frozen=True)
class InUse:
    """A deprecated version still in use: what the list sorts and counts on."""

    pk: int
    sunset_on: datetime.date | None
    api_name: str
    recent_calls: int


def sunsets_in_use(*, sort: str = "sunset") -> list[InUse]:
    """Deprecated versions called in the window or still declared in use, sorted.

    Two queries: the window's calls of every deprecated version in one GROUP BY (a range
    scan of the rollups by day), and the versions; filtered and sorted here. A subquery
    per version reads each version's whole year through its foreign-key index instead,
    three times slower at 1,000 versions. `sunsets_page` loads the rows of the page shown.
    """
    calls = dict(
        VersionDaily.objects.filter(
            day__gte=usage.window_start(TRAFFIC_DAYS), version__lifecycle=Lifecycle.DEPRECATED
        )
        .order_by()
        .values("version")
        .annotate(total=Sum("calls"))
        .values_list("version", "total")
    )
    declared = DeclaredUse.objects.filter(version=OuterRef("pk")).order_by()
    rows = (
        Version.objects.filter(lifecycle=Lifecycle.DEPRECATED)
        .annotate(declared=Exists(declared))
        .values_list("pk", "sunset_on", "api__name", "declared")
    )
    found = [
        InUse(pk, sunset_on, name, calls.get(pk) or 0)
        for pk, sunset_on, name, declared in rows
        if calls.get(pk) or declared
    ]
    if sort.lstrip("-") == "traffic":
        found.sort(key=lambda use: (-use.recent_calls, use.api_name, use.pk))
    else:
        found.sort(key=lambda use: (use.sunset_on or NO_SUNSET, use.api_name, use.pk))
    if sort.startswith("-"):
        found.reverse()
    return found


def sunsets_page(entries: list[InUse]) -> list[Version]:
    """The versions of a page of `sunsets_in_use`, in its order, with `recent_calls`,
    `last_seen` and `declared_consumers`: three queries whatever the page."""
    ids = [entry.pk for entry in entries]
    loaded = Version.objects.filter(pk__in=ids).select_related("api__team").in_bulk()
    last_seen = dict(
        VersionDaily.objects.filter(version__in=ids)
        .order_by()
        .values("version")
        .annotate(last=Max("last_seen"))
        .values_list("version", "last")
    )
    declared = dict(
        DeclaredUse.objects.filter(version__in=ids)
        .order_by()
        .values("version")
        .annotate(total=Count("pk"))
        .values_list("version", "total")
    )
    versions = []
    for entry in entries:
        version = loaded[entry.pk]
        version.recent_calls = entry.recent_calls
        version.last_seen = last_seen.get(entry.pk)
        version.declared_consumers = declared.get(entry.pk, 0)
        versions.append(version)
    return versions


def retire_candidates(*, limit: int = 20) -> list[Version]:
    """Deprecated versions without a call for PORTAL_RETIRE_QUIET_DAYS: safe to retire."""
    called = VersionDaily.objects.filter(
        version=OuterRef("pk"),
        day__gte=usage.window_start(settings.PORTAL_RETIRE_QUIET_DAYS),
        calls__gt=0,
    )
    versions = Version.objects.filter(lifecycle=Lifecycle.DEPRECATED).exclude(Exists(called))
    return list(versions.select_related("api").order_by("sunset_on", "pk")[:limit])


@dataclass(frozen=True)
class MilestoneRow:
    milestone: str
    label: str
    due_at: datetime.datetime | None
    recipients: int
    sent: int
    acknowledged: int


def version_milestones(version: Version) -> list[MilestoneRow]:
    """Each milestone with how many recipients it is for, were sent it, acknowledged it."""
    counts = {
        row["milestone"]: row
        for row in Notice.objects.filter(version=version)
        .values("milestone")
        .annotate(
            recipients=Count("pk"),
            sent=Count("pk", filter=Q(digest__isnull=False)),
            acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)),
            due=Min("due_at"),
        )
    }
    return [
        MilestoneRow(
            milestone=value,
            label=label,
            due_at=counts.get(value, {}).get("due"),
            recipients=counts.get(value, {}).get("recipients", 0),
            sent=counts.get(value, {}).get("sent", 0),
            acknowledged=counts.get(value, {}).get("acknowledged", 0),
        )
        for value, label in Milestone.choices
    ]


@dataclass(frozen=True)
class Cockpit:
    version: Version
    consumers: list
    daily: list
    last_seen: datetime.datetime | None
    unidentified_calls: int
    milestones: list[MilestoneRow]
    quiet_days: int
    suggest_retire: bool


def version_cockpit(version: Version) -> Cockpit:
    """Everything the cockpit of one version shows, in a fixed number of queries."""
    daily = usage.version_daily_calls(version, days=CHART_DAYS)
    quiet_days = settings.PORTAL_RETIRE_QUIET_DAYS
    recent = daily[-quiet_days:]
    return Cockpit(
        version=version,
        consumers=usage.version_consumers(version, seen_within_days=TRAFFIC_DAYS),
        daily=daily,
        last_seen=usage.version_last_seen(version),
        unidentified_calls=usage.version_unidentified_calls(version, days=TRAFFIC_DAYS),
        milestones=version_milestones(version),
        quiet_days=quiet_days,
        suggest_retire=version.lifecycle == Lifecycle.DEPRECATED
        and sum(day.calls for day in recent) == 0,
    )


def managed_recipients(team_ids: frozenset[int]) -> QuerySet[Recipient]:
    """Recipients whose channels these teams manage, with their channels."""
    return (
        Recipient.objects.filter(team_id__in=team_ids)
        .select_related("team")
        .prefetch_related("channels")
    )


def channel_deliveries(channel: Channel) -> QuerySet[Delivery]:
    """A channel's delivery log, newest first, each delivery with its digest and attempts
    (newest first; at most PORTAL_WEBHOOK_MAX_ATTEMPTS, plus a retry's)."""
    attempts = DeliveryAttempt.objects.order_by("-started_at", "-id")
    return (
        Delivery.objects.filter(channel=channel)
        .select_related("digest")
        .prefetch_related(Prefetch("log", queryset=attempts))
        .order_by("-created_at", "-id")
    )
