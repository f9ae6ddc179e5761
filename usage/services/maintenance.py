"""Retention: day partitions made ahead of time and dropped past the raw retention; daily
rollups deleted past theirs."""

import datetime

from django.conf import settings

from usage.models import UnattributedDaily, UsageDaily, VersionDaily
from usage.services.partitions import partitions_drop_before, partitions_ensure, today

DAYS_AHEAD = 3


def usage_maintain() -> dict:
    """Makes the partitions from the oldest accepted day to a few days ahead, drops older
    partitions and rollups. Safe to run at any time, twice, and from two beats at once."""
    now = today()
    first = now - datetime.timedelta(days=settings.PORTAL_USAGE_MAX_PAST_DAYS)
    span = (now - first).days + DAYS_AHEAD
    partitions_ensure(days={first + datetime.timedelta(days=n) for n in range(span + 1)})
    dropped = partitions_drop_before(
        day=now - datetime.timedelta(days=settings.PORTAL_USAGE_RAW_RETENTION_DAYS)
    )
    cutoff = now - datetime.timedelta(days=settings.PORTAL_USAGE_ROLLUP_RETENTION_DAYS)
    deleted = sum(
        model.objects.filter(day__lt=cutoff).delete()[0]
        for model in (UsageDaily, VersionDaily, UnattributedDaily)
    )
    return {"partitions_dropped": len(dropped), "rollups_deleted": deleted}
