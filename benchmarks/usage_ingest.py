"""Usage ingest throughput: the log importer, the batch endpoint, the path matcher.

    uv run --frozen python -m benchmarks.usage_ingest [--lines 1000000] [--events 1000000]

Uses a database of its own, `portal_usage_bench`, on the dev stack's embedded PostgreSQL
(or DATABASE_URL), its event tables emptied at the start of each run. It seeds a catalog
of 100 APIs (about 5,000 operations) and 50 consumers, then measures, each end to end in
this one process (one worker):

- the importer: N fresh nginx JSON lines from a file through `usage_import_stream`
  (parse, attribute, COPY, insert once, roll up, commit per 50,000 lines), then the same
  file again (every line a duplicate);
- the batch endpoint: N events as POST /api/v1/usage/events batches of 10,000, through
  Django's full request handling (token, throttle, JSON, ingest), bodies made beforehand;
- the ceiling: COPY of the same rows into a bare temporary table, nothing else, in binary
  (as the importer copies) and in text;
- the matcher: a spec of 10,000 paths, built once, matched against 200,000 paths.
"""

import argparse
import os
import sys
import uuid

from portal.devstack import ROOT, local_settings, say, services

APIS = 100
OPERATIONS_PER_API = 50
CONSUMERS = 50
BATCH = 10_000


def main() -> int:
    options = _arguments()
    os.environ.update(
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="testserver",
        LOG_LEVEL="ERROR",
        PORTAL_RATE_INGEST="1000000/min",
    )
    local_settings()
    with services(options.database):
        import django

        django.setup()
        from benchmarks import usage_bench

        say("migrating the benchmark database")
        from django.core.management import call_command

        call_command("migrate", interactive=False, verbosity=0)
        usage_bench.seed(apis=APIS, operations=OPERATIONS_PER_API, consumers=CONSUMERS)
        usage_bench.reset()
        load = os.getloadavg()[0]
        say(f"measuring (load average {load:.2f} on {os.cpu_count()} CPUs)")
        nonce = uuid.uuid4().hex[:8]
        figures = []
        if options.matcher:
            figures += usage_bench.matcher(paths=10_000, lookups=200_000)
        if options.lines:
            path = ROOT / "var" / "bench-usage-access.log"
            usage_bench.write_log(path, lines=options.lines, nonce=nonce)
            figures += usage_bench.parse_only(path)
            figures += usage_bench.importer(path)
            figures += usage_bench.copy_ceiling(path)
            path.unlink()
        if options.events:
            figures += usage_bench.batch_endpoint(events=options.events, batch=BATCH, nonce=nonce)
        print()
        for name, count, seconds in figures:
            print(f"{name:<58} {count:>10,} in {seconds:7.2f} s = {count / seconds:>11,.0f}/s")
        print(f"(load average {load:.2f} before, {os.getloadavg()[0]:.2f} after)")
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.usage_ingest")
    parser.add_argument("--lines", type=int, default=1_000_000, help="log lines (1000000)")
    parser.add_argument("--events", type=int, default=1_000_000, help="batch events (1000000)")
    parser.add_argument("--no-matcher", dest="matcher", action="store_false")
    parser.add_argument("--database", default="portal_usage_bench", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
