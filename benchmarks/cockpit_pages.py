"""Server time of the sunset cockpit pages with a year of usage rollups for 1,000
deprecated versions.

    uv run --frozen python -m benchmarks.cockpit_pages [--versions 1000] [--runs 50] [--reseed]

Uses a database of its own, `portal_bench_sunset`, on the embedded PostgreSQL of the dev
stack (or DATABASE_URL when set). Seeds once: 1,000 deprecated versions, each with 365
days of VersionDaily rows and three consumers' UsageDaily rows a day (about 1.1 million),
and a full set of sunset notices. Then requests each page in-process with Django's test
client: server time, without network or browser.
"""

import argparse
import datetime
import io
import os
import random
import statistics
import time

from portal.devstack import local_settings, say, services

GOAL_P95_MS = 100.0
DAYS = 365
CONSUMERS_PER_VERSION = 3


def main() -> int:
    options = _arguments()
    os.environ.update(
        PORTAL_ANONYMOUS_READ="true",
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="testserver",
        LOG_LEVEL="ERROR",
    )
    local_settings()
    with services(options.database):
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        _seed(options)
        say(f"measuring (load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs)")
        results = _measure(options)
        _print(results, options)
        return 0 if all(row["p95"] < GOAL_P95_MS for row in results) else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cockpit_pages")
    parser.add_argument("--versions", type=int, default=1000, help="deprecated versions (1000)")
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page (50)")
    parser.add_argument("--warmups", type=int, default=3, help="untimed requests first (3)")
    parser.add_argument("--reseed", action="store_true", help="seed even if already seeded")
    parser.add_argument("--database", default="portal_bench_sunset", help=argparse.SUPPRESS)
    return parser.parse_args()


def _seed(options: argparse.Namespace) -> None:
    from catalog.models import Lifecycle, Version

    seeded = Version.objects.filter(lifecycle=Lifecycle.DEPRECATED).count()
    if seeded == options.versions and not options.reseed:
        say(f"already seeded with {seeded} deprecated versions")
        return
    say(f"seeding {options.versions} deprecated versions with {DAYS} days of rollups")
    _flush()
    started = time.monotonic()
    versions = _catalog(options.versions)
    _rollups(versions)
    _notices(versions)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"seeded in {time.monotonic() - started:.0f} s")


def _flush() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def _catalog(count: int) -> list:
    from catalog.models import Api, Audience, Lifecycle, Team, Version
    from usage.models import Consumer, DeclaredUse

    today = datetime.date.today()
    teams = Team.objects.bulk_create(
        Team(name=f"Team {n}", slug=f"team-{n}", email=f"team-{n}@example.com") for n in range(20)
    )
    apis = Api.objects.bulk_create(
        Api(
            slug=f"api-{n}",
            name=f"API {n:04d}",
            summary="Benchmark API.",
            team=teams[n % len(teams)],
            audience=Audience.INTERNAL,
        )
        for n in range(count // 4)
    )
    versions = Version.objects.bulk_create(
        Version(
            api=apis[n // 4],
            version=f"{n % 4 + 1}.0.0",
            major=n % 4 + 1,
            minor=0,
            patch=0,
            lifecycle=Lifecycle.DEPRECATED,
            released_on=today - datetime.timedelta(days=700),
            deprecated_on=today - datetime.timedelta(days=200),
            sunset_on=today + datetime.timedelta(days=n % 365 - 30),
        )
        for n in range(count)
    )
    consumers = Consumer.objects.bulk_create(
        Consumer(slug=f"consumer-{n}", name=f"Consumer {n}", team=teams[n % len(teams)])
        for n in range(count)
    )
    DeclaredUse.objects.bulk_create(
        DeclaredUse(consumer=consumers[n], version=version) for n, version in enumerate(versions)
    )
    for version in versions:
        version.consumer_ids = [consumers[(version.pk + k) % count].pk for k in range(3)]
    return versions


def _rollups(versions: list) -> None:
    """A year of calls per version, decaying toward the sunset, written with COPY."""
    from django.db import connection

    rng = random.Random(7)
    today = datetime.date.today()
    daily, usage = io.StringIO(), io.StringIO()
    for version in versions:
        base = rng.randint(0, 50_000)
        for offset in range(DAYS):
            day = today - datetime.timedelta(days=DAYS - 1 - offset)
            calls = int(base * (1 - offset / DAYS)) + rng.randint(0, 50)
            moment = f"{day}T12:00:00+00:00"
            daily.write(f"{day}\t{version.pk}\t{calls}\t{calls}\t0\t{moment}\t{moment}\n")
            for consumer_id in version.consumer_ids:
                share = calls // CONSUMERS_PER_VERSION
                fields = (day, version.pk, "GET /things", consumer_id, 2, share, moment, moment)
                usage.write("\t".join(map(str, fields)) + "\n")
    with connection.cursor() as cursor:
        raw = cursor.cursor
        columns = "(day, version_id, calls, identified_calls, error_calls, first_seen, last_seen)"
        with raw.copy(f"COPY usage_versiondaily {columns} FROM STDIN") as copy:
            copy.write(daily.getvalue())
        columns = (
            "(day, version_id, operation, consumer_id, status_class, calls, first_seen, last_seen)"
        )
        with raw.copy(f"COPY usage_usagedaily {columns} FROM STDIN") as copy:
            copy.write(usage.getvalue())


def _notices(versions: list) -> None:
    from django.utils import timezone

    from notifications.models import Milestone, Notice
    from notifications.services.audience import recipient_for_team

    now = timezone.now()
    recipients = {}
    rows = []
    for version in versions:
        team_id = version.api.team_id
        if team_id not in recipients:
            recipients[team_id] = recipient_for_team(version.api.team)
        rows += [
            Notice(version=version, recipient=recipients[team_id], milestone=m, due_at=now)
            for m in Milestone.values
        ]
    Notice.objects.bulk_create(rows, batch_size=5000)


def _pages() -> list[tuple[str, str]]:
    from catalog.models import Version

    sample = list(Version.objects.order_by("pk").values_list("api__slug", "version")[::97][:5])
    pages = [
        ("in use, by sunset", "/notifications/sunsets/?sort=sunset"),
        ("in use, by traffic", "/notifications/sunsets/?sort=traffic"),
        ("in use, page 10", "/notifications/sunsets/?sort=traffic&page=10"),
    ]
    pages += [(f"cockpit {slug} {v}", f"/notifications/sunsets/{slug}/{v}/") for slug, v in sample]
    return pages


def _measure(options: argparse.Namespace) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = []
    for name, url in _pages():
        for _ in range(options.warmups):
            assert client.get(url).status_code == 200, url
        timings = []
        for _ in range(options.runs):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        timings.sort()
        results.append(
            {
                "page": name,
                "p50": statistics.median(timings),
                "p95": timings[int(len(timings) * 0.95) - 1],
                "queries": len(queries),
            }
        )
    return results


def _print(results: list[dict], options: argparse.Namespace) -> None:
    print(f"\n{options.versions} deprecated versions, {DAYS} days of rollups, {options.runs} runs")
    print(
        f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  goal p95 < {GOAL_P95_MS:.0f} ms"
    )
    for row in results:
        verdict = "ok" if row["p95"] < GOAL_P95_MS else "SLOW"
        figures = f"{row['p50']:>8.1f} {row['p95']:>8.1f} {row['queries']:>8}"
        print(f"{row['page']:<34} {figures}  {verdict}")


if __name__ == "__main__":
    raise SystemExit(main())
