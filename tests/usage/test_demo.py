"""The demo usage: a burn-down for each deprecated version, consumers still calling."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from notifications.selectors import sunsets_in_use
from usage import selectors
from usage.models import Consumer, UnattributedDaily, UsageEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def deprecated(v1, v2):
    today = timezone.now().date()
    v1.released_on = today - datetime.timedelta(days=500)
    v1.deprecated_on = today - datetime.timedelta(days=120)
    v1.sunset_on = today + datetime.timedelta(days=60)
    v1.save()
    return v1


def test_it_loads_a_burn_down_and_consumers_still_calling(deprecated, other_team):
    out = io.StringIO()
    call_command("load_usage_demo", stdout=out)
    call_command("load_usage_demo", stdout=out)  # a second run changes nothing

    assert "already loaded" in out.getvalue()
    assert Consumer.objects.count() == 10
    series = selectors.version_daily_calls(deprecated, days=365)
    deprecated_at = 365 - 120  # the series' index of the deprecation day
    before = sum(day.calls for day in series[deprecated_at - 60 : deprecated_at]) / 60
    after = sum(day.calls for day in series[-32:-2]) / 30
    assert before > after > 0  # traffic falls once deprecated, and has not stopped
    still = [use for use in selectors.version_consumers(deprecated) if use.calls]
    assert still and all(use.last_seen for use in still)
    assert UsageEvent.objects.filter(version=deprecated).exists()
    assert UnattributedDaily.objects.filter(reason="unknown-credential").exists()
    in_use = sunsets_in_use()  # the cockpit's list
    assert [row.pk for row in in_use] == [deprecated.pk] and in_use[0].recent_calls > 0
