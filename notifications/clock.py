"""When a calendar date becomes an instant, and when each milestone falls due.

Catalog dates are calendar days in the portal's TIME_ZONE. A day starts at local
midnight, so "1 day before sunset" across a daylight-saving change is 23 or 25 hours,
and a sunset on 30 March is the same instant for every reader of the Sunset header.
"""

import datetime
import zoneinfo

from django.conf import settings

from notifications.models import Milestone

DAYS_BEFORE = {
    Milestone.DAYS_90: 90,
    Milestone.DAYS_30: 30,
    Milestone.DAYS_7: 7,
    Milestone.DAYS_1: 1,
}


def portal_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def day_start(day: datetime.date) -> datetime.datetime:
    """Local midnight of `day` in the portal's zone, as an aware datetime in UTC."""
    local = datetime.datetime.combine(day, datetime.time.min, tzinfo=portal_zone())
    return local.astimezone(datetime.UTC)


def milestone_due(milestone: str, *, sunset_on: datetime.date) -> datetime.datetime:
    """The instant a dated milestone falls due (not DEPRECATED nor AFTER_SUNSET, which
    fall due when the deprecation or the late call happens)."""
    if milestone == Milestone.SUNSET:
        return day_start(sunset_on)
    return day_start(sunset_on - datetime.timedelta(days=DAYS_BEFORE[milestone]))


def utc_day(moment: datetime.datetime) -> datetime.date:
    """The UTC day of an instant: digests are one per recipient and UTC day, as beat runs
    in UTC."""
    return moment.astimezone(datetime.UTC).date()
