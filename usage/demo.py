"""Demo usage for the demo catalog: consumers with credentials and declared uses, a year of
daily rollups for every deprecated version (each consumer migrating away on its own day,
so the charts burn down toward the sunset, some consumers still calling), and recent calls
sent through the real ingest pipeline, unattributed ones included."""

import datetime
import math
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from catalog.models import Lifecycle, Operation, Team, Version
from catalog.services.audit import Actor
from usage.models import Consumer, ConsumerCredential, DeclaredUse, UsageDaily, VersionDaily
from usage.services import usage_ingest_batch

ACTOR = Actor.system("usage demo loader")
CONSUMERS = [
    ("checkout-web", "Checkout web", "Web checkout, the storefront's payment steps."),
    ("mobile-ios", "Mobile app (iOS)", "The shopping app for iPhone and iPad."),
    ("mobile-android", "Mobile app (Android)", "The shopping app for Android."),
    ("partner-portal", "Partner portal", "Where resellers manage their orders."),
    ("warehouse-scanner", "Warehouse scanner", "Handheld scanners in the warehouses."),
    ("finance-reporting", "Finance reporting", "Nightly finance and tax reports."),
    ("support-console", "Support console", "The customer support agents' tool."),
    ("data-lake-sync", "Data lake sync", "Copies business data to the analytics lake."),
    ("fraud-scoring", "Fraud scoring", "Scores orders and payments for fraud."),
    ("marketing-site", "Marketing site", "Campaign pages and the newsletter sign-up."),
]
STATUS_SHARE = ((2, 0.94), (4, 0.05), (5, 0.01))
DAYS = 365
RECENT_DAYS = 2  # these come through the ingest pipeline as raw events


@dataclass
class Plan:
    """A consumer's traffic to a deprecated version: its daily calls before it migrates,
    and the day it stops (None: still calling)."""

    consumer: Consumer
    daily: int
    stops_on: datetime.date | None


def usage_demo_load(*, seed: int = 7) -> dict:
    """Loads the demo usage. Safe to rerun: an existing load is left as it is."""
    if Consumer.objects.filter(slug=CONSUMERS[0][0]).exists():
        return {"loaded": False}
    rng = random.Random(seed)
    consumers = _consumers()
    today = timezone.now().date()
    rows = 0
    for version in Version.objects.filter(lifecycle=Lifecycle.DEPRECATED).select_related("api"):
        plans = _plans(rng, consumers, version, today)
        with transaction.atomic():
            rows += _rollups(rng, version, plans, today)
        _recent(rng, version, plans)
    _unattributed()
    return {"loaded": True, "consumers": len(consumers), "rollup_rows": rows}


def _consumers() -> list[Consumer]:
    teams = list(Team.objects.order_by("name"))
    consumers = []
    for n, (slug, name, description) in enumerate(CONSUMERS):
        consumer = Consumer.objects.create(
            slug=slug,
            name=name,
            description=description,
            team=teams[n % len(teams)],
            contact_name=f"{name} on-call",
            contact_email=f"{slug}@example.com",
        )
        ConsumerCredential.objects.create(consumer=consumer, value=f"{slug}-prod")
        ConsumerCredential.objects.create(
            consumer=consumer, value=f"key-{n:04d}", kind=ConsumerCredential.Kind.KEY_ID
        )
        consumers.append(consumer)
    return consumers


def _plans(rng, consumers, version, today) -> list[Plan]:
    deprecated = version.deprecated_on or today - datetime.timedelta(days=60)
    sunset = version.sunset_on or today + datetime.timedelta(days=90)
    plans = []
    for index, consumer in enumerate(rng.sample(consumers, rng.randint(3, 5))):
        if index == 0:
            stops = None  # one is always still calling: the cockpit's point
        else:
            span = max((sunset - deprecated).days, 10)
            stops = deprecated + datetime.timedelta(days=rng.randint(5, span))
            stops = stops if stops < today else None
        plans.append(Plan(consumer, rng.choice([800, 3_000, 12_000, 40_000]), stops))
        if index < 3:  # most declare it; the others are found only in traffic
            DeclaredUse.objects.get_or_create(
                consumer=consumer, version=version, defaults={"source": "manual"}
            )
    return plans


def _operations(version) -> list[str]:
    found = Operation.objects.filter(spec__versions=version).values_list("method", "path")[:6]
    return [f"{method.upper()} {path}" for method, path in found] or [""]


def _calls(rng, plan: Plan, day: datetime.date) -> int:
    if plan.stops_on is not None and day >= plan.stops_on:
        return 0
    taper = 1.0
    if plan.stops_on is not None:
        left = (plan.stops_on - day).days
        taper = min(1.0, left / 14)  # moving traffic over takes two weeks
    weekend = 0.45 if day.weekday() >= 5 else 1.0
    growth = 1 + 0.15 * math.sin(day.toordinal() / 58)
    return int(plan.daily * taper * weekend * growth * rng.uniform(0.85, 1.15))


def _rollups(rng, version, plans, today) -> int:
    operations = _operations(version)
    weights = [1 / (n + 1) for n in range(len(operations))]
    first = max(today - datetime.timedelta(days=DAYS), version.released_on or today)
    daily, per_version = [], []
    day = first
    while day < today - datetime.timedelta(days=RECENT_DAYS - 1):
        seen_from = datetime.datetime.combine(day, datetime.time(0, 1), datetime.UTC)
        seen_to = datetime.datetime.combine(day, datetime.time(23, 58), datetime.UTC)
        total = identified = errors = 0
        for plan in plans:
            calls = _calls(rng, plan, day)
            for operation, weight in zip(operations, weights, strict=True):
                share = calls * weight / sum(weights)
                for status_class, part in STATUS_SHARE:
                    count = int(share * part)
                    if count:
                        daily.append(
                            UsageDaily(
                                day=day,
                                version=version,
                                operation=operation,
                                consumer=plan.consumer,
                                status_class=status_class,
                                calls=count,
                                first_seen=seen_from,
                                last_seen=seen_to,
                            )
                        )
                        total += count
                        identified += count
                        errors += count if status_class == 5 else 0
        if total:
            per_version.append(
                VersionDaily(
                    day=day,
                    version=version,
                    calls=total,
                    identified_calls=identified,
                    error_calls=errors,
                    first_seen=seen_from,
                    last_seen=seen_to,
                )
            )
        day += datetime.timedelta(days=1)
    UsageDaily.objects.bulk_create(daily, batch_size=5_000)
    VersionDaily.objects.bulk_create(per_version, batch_size=5_000)
    return len(daily) + len(per_version)


def _recent(rng, version, plans) -> None:
    """A few hundred calls of the last hours, through the batch pipeline, from the
    consumers still calling."""
    operations = [operation for operation in _operations(version) if operation]
    now = timezone.now()
    events = []
    for plan in plans:
        if plan.stops_on is not None:
            continue
        for n in range(120):
            when = now - datetime.timedelta(minutes=rng.randint(2, 60 * 24 * RECENT_DAYS - 60))
            event = {
                "id": f"demo-{version.pk}-{plan.consumer.slug}-{n}",
                "timestamp": when.isoformat(),
                "api": version.api.slug,
                "version": version.version,
                "method": "GET",
                "path": "/",
                "status": rng.choice([200] * 30 + [404, 500]),
                "credential": f"{plan.consumer.slug}-prod",
            }
            if operations:
                operation = rng.choice(operations)
                event |= {"operation": operation, "method": operation.split(" ")[0]}
                del event["path"]
            events.append(event)
    if events:
        usage_ingest_batch(events=events, source="demo loader")


def _unattributed() -> None:
    now = timezone.now()
    events = [
        {
            "id": f"demo-stray-{n}",
            "timestamp": (now - datetime.timedelta(minutes=5 * n + 3)).isoformat(),
            "method": "GET",
            "host": "legacy-gateway.internal.example" if n % 2 else "api.example.com",
            "path": f"/v0/orders/{n}" if n % 2 else "/payments/v1/refunds",
            "status": 200,
            "credential": "unregistered-batch-job" if n % 3 else "",
        }
        for n in range(60)
    ]
    usage_ingest_batch(events=events, source="demo loader")
