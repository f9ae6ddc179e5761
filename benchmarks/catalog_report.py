"""The catalog benchmark's table on the terminal and its JSON record."""

import datetime
import json
import statistics
from pathlib import Path

from benchmarks.catalog_scenarios import Check, PageResult

HEADER = ("page", "HTTP", "p50 ms", "p95 ms", "max ms", "queries", "DB p50 ms", "KiB", "goal")


def _row(result: PageResult, goal_ms: float) -> tuple[str, ...]:
    queries = sorted(set(result.queries))
    if not result.found:
        verdict = "missing"
    elif result.percentile(0.95) < goal_ms:
        verdict = "ok"
    else:
        verdict = "SLOW"
    return (
        result.name,
        str(result.status),
        f"{statistics.median(result.times_ms):.1f}",
        f"{result.percentile(0.95):.1f}",
        f"{max(result.times_ms):.1f}",
        "/".join(map(str, queries)),  # more than one count would mean it varies between runs
        f"{statistics.median(result.db_ms):.1f}",
        f"{result.size / 1024:.0f}",
        verdict,
    )


def report_print(
    results: list[PageResult], checks: list[Check], *, goal_ms: float, show_sql: bool
) -> None:
    rows = [HEADER, *(_row(result, goal_ms) for result in results)]
    widths = [max(len(row[n]) for row in rows) for n in range(len(HEADER))]
    print()
    for number, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True)]
        print("  ".join(cells))
        if number == 0:
            print("  ".join("-" * width for width in widths))
    print(f"\nGoal: p95 < {goal_ms:.0f} ms; query counts that do not grow with the rows shown:")
    for check in checks:
        print(f"  {'PASS' if check.passed else 'FAIL'}  {check.name}: {check.detail}")
    if show_sql:
        for result in results:
            print(f"\n{result.name}  {result.url}")
            for ms, sql in result.sql:
                print(f"  {ms:8.2f} ms  {' '.join(sql.split())[:300]}")


def report_explain(results: list[PageResult], *, slower_than_ms: float) -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of every query slower than `slower_than_ms` in the last run."""
    from django.db import connection

    for result in results:
        for ms, sql in result.sql:
            if ms < slower_than_ms:
                continue
            print(f"\n=== {result.name} ({ms:.1f} ms)\n{sql}\n")
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                print("\n".join(row[0] for row in cursor.fetchall()))


def report_record(
    results: list[PageResult], checks: list[Check], *, folder: Path, context: dict
) -> Path:
    """Writes the figures and their context as JSON; returns the file written."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    path = folder / f"catalog_pages-{now:%Y%m%d-%H%M%S}.json"
    record = {
        "taken_at": now.isoformat(timespec="seconds"),
        "context": context,
        "pages": [
            {
                "name": result.name,
                "url": result.url,
                "status": result.status,
                "content_type": result.content_type,
                "bytes": result.size,
                "p50_ms": round(statistics.median(result.times_ms), 2),
                "p95_ms": round(result.percentile(0.95), 2),
                "max_ms": round(max(result.times_ms), 2),
                "queries": sorted(set(result.queries)),
                "db_p50_ms": round(statistics.median(result.db_ms), 2),
                "times_ms": [round(ms, 2) for ms in result.times_ms],
            }
            for result in results
        ],
        "checks": [vars(check) for check in checks],
    }
    path.write_text(json.dumps(record, indent=2) + "\n")
    return path
