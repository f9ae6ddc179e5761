"""Server time and queries of the catalog pages at 30,000 APIs.

    uv run --frozen python -m benchmarks.catalog_pages [--runs 50] [--reseed] [--json]

Uses a database of its own, `portal_bench`, on the embedded PostgreSQL of the dev stack
(or on DATABASE_URL when set), seeds it once per size, then requests each page in-process
with Django's test client, so the figures are server time without network or browser.
"""

import argparse
import os
import platform
import subprocess
import sys
from pathlib import Path

from portal.devstack import ROOT, local_settings, say, services

RESULTS = ROOT / "benchmarks" / "results"
GOAL_P95_MS = 100.0


def main() -> int:
    options = _arguments()
    # Forced, not defaulted: figures taken with DEBUG on or behind a sign-in mean nothing.
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
        from benchmarks.catalog_report import report_explain, report_print, report_record
        from benchmarks.catalog_scenarios import scenarios_run

        _prepare(options)
        load_before = os.getloadavg()[0]  # other work on the machine skews the figures
        say(f"measuring (load average {load_before:.2f} on {os.cpu_count()} CPUs)")
        results, checks = scenarios_run(runs=options.runs, warmups=options.warmups)
        load = (load_before, os.getloadavg()[0])
        report_print(results, checks, goal_ms=GOAL_P95_MS, show_sql=options.show_sql)
        if options.explain is not None:
            report_explain(results, slower_than_ms=options.explain)
        if options.json:
            path = report_record(results, checks, folder=RESULTS, context=_context(options, load))
            say(f"results written to {path.relative_to(ROOT)}")
        return 0 if all(check.passed for check in checks) else 1


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.catalog_pages")
    parser.add_argument("--apis", type=int, default=30_000, help="APIs to seed (30000)")
    parser.add_argument("--teams", type=int, default=50, help="teams to seed (50)")
    parser.add_argument("--runs", type=int, default=50, help="timed requests per page (50)")
    parser.add_argument("--warmups", type=int, default=3, help="untimed requests first (3)")
    parser.add_argument("--reseed", action="store_true", help="seed even if already seeded")
    parser.add_argument("--json", action="store_true", help="write benchmarks/results/*.json")
    parser.add_argument("--show-sql", action="store_true", help="print each page's queries")
    parser.add_argument(
        "--explain", type=float, metavar="MS", help="EXPLAIN ANALYZE the queries slower than MS"
    )
    parser.add_argument("--database", default="portal_bench", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.teams < 2 or options.apis < 100 * options.teams:
        parser.error("use at least 2 teams and 100 APIs per team")
    return options


def _prepare(options: argparse.Namespace) -> None:
    from django.core.management import call_command

    from benchmarks.catalog_seed import catalog_seed, catalog_seeded_size
    from benchmarks.catalog_verify import catalog_seed_verify

    say("migrating the benchmark database")
    call_command("migrate", interactive=False, verbosity=0)
    wanted = (options.apis, options.apis * 4, options.teams)
    if not options.reseed and catalog_seeded_size() == wanted:
        say(f"already seeded with {options.apis:,} APIs (--reseed to start again)")
        return
    say(f"seeding {options.apis:,} APIs with 4 versions each over {options.teams} teams")
    catalog_seed(apis=options.apis, teams=options.teams)
    say("checking the seed against the services on a sample")
    problems = catalog_seed_verify()
    if problems:
        print("\n".join(problems[:20]), file=sys.stderr)
        raise SystemExit("the seeded rows differ from what the services produce")


def _context(options: argparse.Namespace, load: tuple[float, float]) -> dict:
    """Where and on what the figures were taken."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    commit = _git("rev-parse", "--short", "HEAD").strip()
    # Code changed but not committed when the figures were taken, if any.
    uncommitted = [line[3:] for line in _git("status", "--porcelain", "-uno").splitlines()]
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal:")
        ),
        "0",
    )
    return {
        "commit": commit,
        "uncommitted": uncommitted,
        "cpus": os.cpu_count(),
        "memory_gib": round(int(memory) / 1024**2, 1),
        "load_average_before_after": load,
        "python": platform.python_version(),
        "postgresql": postgres,
        "apis": options.apis,
        "teams": options.teams,
        "runs": options.runs,
        "warmups": options.warmups,
    }


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout


if __name__ == "__main__":
    sys.exit(main())
