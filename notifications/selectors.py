"""What the sunset cockpit and the notification pages read."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Min, Q, QuerySet

from catalog.models import Lifecycle, Version
from notifications.models import Channel, DeliveryAttempt, Milestone, Notice, Recipient
from usage import selectors as usage

TRAFFIC_DAYS = 30  # "in use" means called in this window, or still declared
CHART_DAYS = 90
SORTS = {
    "sunset": [F("sunset_on").asc(nulls_last=True), "api__name", "pk"],
    "-sunset": [F("sunset_on").desc(nulls_last=True), "api__name", "pk"],
    "traffic": ["-recent_calls", "api__name", "pk"],
    "-traffic": ["recent_calls", "api__name", "pk"],
}


def sunsets_in_use(*, sort: str = "sunset") -> QuerySet[Version]:
    """Deprecated versions still called or declared in use, with their traffic."""
    return usage.deprecated_versions_in_use(days=TRAFFIC_DAYS).order_by(
        *SORTS.get(sort, SORTS["sunset"])
    )


def retire_candidates(*, limit: int = 20) -> list[Version]:
    """Deprecated versions without a call for PORTAL_RETIRE_QUIET_DAYS: safe to retire."""
    versions = Version.objects.filter(lifecycle=Lifecycle.DEPRECATED).select_related("api")
    quiet = usage.versions_with_usage(versions, days=settings.PORTAL_RETIRE_QUIET_DAYS)
    return list(quiet.filter(recent_calls=0).order_by("sunset_on", "pk")[:limit])


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


def channel_log(channel: Channel, *, limit: int = 20) -> QuerySet[DeliveryAttempt]:
    """The delivery log of a channel, latest first."""
    return DeliveryAttempt.objects.filter(delivery__channel=channel).select_related("delivery")[
        :limit
    ]
