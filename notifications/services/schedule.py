"""The outbox side: which notices a deprecated version owes, written as Notice rows.

Rows are written in the transaction of the change that causes them (the deprecation,
a new sunset date) and again by the hourly planner, which finds new consumers and late
callers. The (version, recipient, milestone) constraint makes every write idempotent.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from catalog.models import Lifecycle, Version
from notifications.clock import DAYS_BEFORE, day_start, milestone_due
from notifications.models import Milestone, Notice
from notifications.services.audience import version_recipients
from usage import selectors as usage

DATED = [*DAYS_BEFORE, Milestone.SUNSET]


def _dated_schedule(
    version: Version, now: datetime.datetime
) -> list[tuple[str, datetime.datetime]]:
    """The dated milestones still ahead; those already past are never sent late."""
    if version.sunset_on is None:
        return []
    dated = [(m, milestone_due(m, sunset_on=version.sunset_on)) for m in DATED]
    return [(milestone, due) for milestone, due in dated if due > now]


def notices_plan(*, version: Version, now: datetime.datetime | None = None) -> int:
    """Writes the notices a deprecated version owes its recipients and moves unsent ones
    to a changed sunset date. Returns how many rows were added. Safe to run any number
    of times, concurrently too: existing rows are kept, duplicates ignored.
    """
    now = now or timezone.now()
    if version.lifecycle != Lifecycle.DEPRECATED:
        return 0
    _redate(version, now)
    schedule = [(Milestone.DEPRECATED, now), *_dated_schedule(version, now)]
    if _called_after_sunset(version, now):
        schedule.append((Milestone.AFTER_SUNSET, now))
    existing = set(Notice.objects.filter(version=version).values_list("recipient_id", "milestone"))
    rows = [
        Notice(version=version, recipient=recipient, milestone=milestone, due_at=due)
        for recipient in version_recipients(version)
        for milestone, due in schedule
        if (recipient.pk, milestone) not in existing
    ]
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:
        from notifications.tasks import dispatch_soon  # tasks import services: import late

        transaction.on_commit(dispatch_soon)
    return len(rows)


def _redate(version: Version, now: datetime.datetime) -> None:
    """Unsent dated notices follow the sunset date; those the new date puts in the past
    are dropped (a "90 days before" that arrives with 20 days left misleads)."""
    unsent = Notice.objects.filter(version=version, digest__isnull=True, milestone__in=DATED)
    if version.sunset_on is None:
        unsent.delete()
        return
    for milestone in DATED:
        due = milestone_due(milestone, sunset_on=version.sunset_on)
        of_milestone = unsent.filter(milestone=milestone)
        if due > now:
            of_milestone.exclude(due_at=due).update(due_at=due)
        else:
            of_milestone.delete()


def _called_after_sunset(version: Version, now: datetime.datetime) -> bool:
    if version.sunset_on is None or now < day_start(version.sunset_on):
        return False
    last_seen = usage.version_last_seen(version)
    return last_seen is not None and last_seen >= day_start(version.sunset_on)


def notices_cancel(*, version: Version) -> int:
    """Drops the notices not sent yet (the version was retired or un-deprecated)."""
    deleted, _ = Notice.objects.filter(version=version, digest__isnull=True).delete()
    return deleted


def notices_plan_all(*, now: datetime.datetime | None = None) -> int:
    """The hourly planner: every deprecated version, one transaction each."""
    added = 0
    versions = Version.objects.filter(lifecycle=Lifecycle.DEPRECATED).select_related("api__team")
    for version in versions.iterator():
        with transaction.atomic():
            added += notices_plan(version=version, now=now)
    return added
