"""What an ingest did: counts, rejections per reason, and the first refusals to show."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from usage.engine.calls import Malformed, escape

SAMPLES = 20


@dataclass
class IngestResult:
    received: int = 0
    accepted: int = 0
    duplicates: int = 0
    rejections: Counter = field(default_factory=Counter)
    samples: list[dict] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(self.rejections.values())

    def reject(self, index: int, error: Malformed) -> None:
        self.rejections[error.reason] += 1
        if len(self.samples) < SAMPLES:
            self.samples.append(
                {"index": index, "reason": error.reason, "detail": escape(error.detail)}
            )


@dataclass(frozen=True)
class Window:
    """The times an event may have: not older than PORTAL_USAGE_MAX_PAST_DAYS (raw events
    are kept a little longer, so a replay inside the window is still recognised) and not
    more than PORTAL_USAGE_MAX_FUTURE_SECONDS ahead (clock skew)."""

    earliest: datetime.datetime
    latest: datetime.datetime

    @classmethod
    def now(cls) -> "Window":
        now = timezone.now()
        return cls(
            earliest=now - datetime.timedelta(days=settings.PORTAL_USAGE_MAX_PAST_DAYS),
            latest=now + datetime.timedelta(seconds=settings.PORTAL_USAGE_MAX_FUTURE_SECONDS),
        )

    def check(self, when: datetime.datetime) -> None:
        if when < self.earliest:
            raise Malformed("too-old", f"{when.isoformat()} is before {self.earliest:%Y-%m-%d}.")
        if when > self.latest:
            raise Malformed("in-future", f"{when.isoformat()} is in the future.")
