"""The measurements of benchmarks.usage_ingest (Django is set up before this is imported)."""

import datetime
import random
import time
from pathlib import Path

import orjson
from django.db import connection, transaction
from django.test import Client

from accounts.models import Scope
from accounts.tokens import token_issue
from catalog.models import Api, Lifecycle, Operation, SpecDocument, Team, Version
from catalog.services.audit import Actor
from usage.attribution import attribution_index
from usage.engine.matcher import PathMatcher
from usage.models import Consumer, ConsumerCredential, IngestRun
from usage.services import usage_import_stream
from usage.services.partitions import partitions_ensure
from usage.services.results import IngestResult
from usage.services.rows import lines_to_rows
from usage.services.store import COLUMNS, rows_copy

HOST = "api.bench.example"
RESOURCES = ["orders", "refunds", "customers", "invoices", "shipments", "products", "carts"]
Figure = tuple[str, int, float]


def _templates(api: int, count: int) -> list[tuple[str, str]]:
    """`count` (method, path) pairs of one API: collections, items, sub-resources."""
    found = []
    n = 0
    while len(found) < count:
        resource = f"{RESOURCES[n % len(RESOURCES)]}{n // len(RESOURCES)}"
        item = f"/{resource}/{{id}}"
        for method, path in (
            ("GET", f"/{resource}"),
            ("POST", f"/{resource}"),
            ("GET", item),
            ("PATCH", item),
            ("GET", f"{item}/history/{{entry}}"),
        ):
            found.append((method, path))
        n += 1
    return found[:count]


_TEMPLATES = _templates(0, 50)


def seed(*, apis: int, operations: int, consumers: int) -> None:
    if Api.objects.filter(slug="bench-0").exists():
        return
    team = Team.objects.create(name="Bench", slug="bench")
    for number in range(apis):
        api = Api.objects.create(slug=f"bench-{number}", name=f"Bench {number}", team=team)
        spec = SpecDocument.objects.create(
            sha256=f"{number:064x}",
            content=b"{}",
            size=2,
            status=SpecDocument.Status.READY,
            servers=[{"url": f"https://{HOST}/bench-{number}/v1"}],
        )
        Operation.objects.bulk_create(
            Operation(spec=spec, position=n, method=method, path=path)
            for n, (method, path) in enumerate(_templates(number, operations))
        )
        Version.objects.create(
            api=api,
            version="1.0.0",
            major=1,
            minor=0,
            patch=0,
            lifecycle=Lifecycle.DEPRECATED,
            spec=spec,
        )
    for number in range(consumers):
        consumer = Consumer.objects.create(slug=f"c{number}", name=f"C {number}", team=team)
        ConsumerCredential.objects.create(consumer=consumer, value=f"client-{number}")


def reset() -> None:
    """Empties the event table and the rollups, so that each run starts alike: a day's
    partition grown by earlier runs past shared_buffers makes every insert slower."""
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE usage_event, usage_usagedaily, usage_versiondaily, usage_unattributeddaily"
        )


def _call(rng: random.Random, n: int, nonce: str, now: datetime.datetime) -> dict:
    # As traffic is: each consumer calls three APIs, most calls go to a few operations.
    client = rng.randrange(55)
    api = (client * 7 + rng.randrange(3)) % 100
    method, template = _TEMPLATES[min(int(rng.paretovariate(1.2)) - 1, 49)]
    path = template.replace("{id}", str(rng.randrange(10**6))).replace("{entry}", "7")
    return {
        "time_iso8601": (now - datetime.timedelta(seconds=rng.randrange(86_400))).isoformat(),
        "request_method": method,
        "request_uri": f"/bench-{api}/v1{path}",
        "host": HOST,
        "status": rng.choice((200, 200, 200, 201, 404, 500)),
        "request_id": f"{nonce}-{n}",
        "client_id": f"client-{client}",  # 50 to 54 are unknown credentials
    }


def write_log(path: Path, *, lines: int, nonce: str) -> None:
    rng = random.Random(1)
    now = datetime.datetime.now(datetime.UTC)
    with path.open("wb") as out:
        for n in range(lines):
            out.write(orjson.dumps(_call(rng, n, nonce, now)) + b"\n")


def parse_only(path: Path) -> list[Figure]:
    """Parsing and attribution alone, no database: the Python side's own ceiling."""
    lines = path.read_bytes().splitlines()
    index = attribution_index()
    started = time.perf_counter()
    for start in range(0, len(lines), 50_000):
        lines_to_rows(
            lines[start : start + 50_000],
            "nginx-json",
            default_host="",
            index=index,
            result=IngestResult(),
        )
    return [("importer: parse + attribute only (no database)", len(lines), _since(started))]


def importer(path: Path) -> list[Figure]:
    figures = []
    for label in ("importer: fresh lines, end to end", "importer: same file again (duplicates)"):
        run = IngestRun.objects.create(kind="file", log_format="nginx-json", source=str(path))
        started = time.perf_counter()
        with path.open("rb") as stream:
            run = usage_import_stream(run=run, stream=stream)
        seconds = _since(started)
        assert run.received == run.accepted + run.duplicates + run.rejected, run
        figures.append((label, run.received, seconds))
    return figures


def copy_ceiling(path: Path) -> list[Figure]:
    """COPY of the same rows into a temporary table with no index: what PostgreSQL takes
    from Python at most, to compare the importer with. In binary, as the importer copies,
    and in text (the key as hex), the format of the earlier figures."""
    index = attribution_index()
    lines = path.read_bytes().splitlines()
    rows = lines_to_rows(lines, "nginx-json", default_host="", index=index, result=IngestResult())
    partitions_ensure(days={row[0] for row in rows})
    figures = []
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_copy (LIKE usage_event) ON COMMIT DROP")
        rows_copy(cursor.cursor, "bench_copy", rows)
    figures.append(("ceiling: COPY alone into a bare table (binary)", len(rows), _since(started)))
    texts = [(row[0], row[1].hex(), *row[2:]) for row in rows]
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE bench_copy (LIKE usage_event) ON COMMIT DROP")
        with cursor.cursor.copy(f"COPY bench_copy ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for row in texts:
                copy.write_row(row)
    figures.append(("ceiling: COPY alone into a bare table (text)", len(rows), _since(started)))
    return figures


def batch_endpoint(*, events: int, batch: int, nonce: str) -> list[Figure]:
    team = Team.objects.get(slug="bench")
    secret = token_issue(
        actor=Actor.system("bench"), name="bench", scopes=[Scope.INGEST], team=team
    ).secret
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    rng = random.Random(2)
    now = datetime.datetime.now(datetime.UTC)
    total, seconds = 0, 0.0
    for first in range(0, events, batch):
        body = orjson.dumps(
            [_event(_call(rng, n, "b" + nonce, now)) for n in range(first, first + batch)]
        )
        started = time.perf_counter()
        response = client.post("/api/v1/usage/events", body, content_type="application/json")
        seconds += _since(started)
        assert response.status_code == 200, response.content[:300]
        total += response.json()["received"]
    return [("batch endpoint: POST 10,000-event batches, end to end", total, seconds)]


def _event(call: dict) -> dict:
    return {
        "id": call["request_id"],
        "timestamp": call["time_iso8601"],
        "method": call["request_method"],
        "host": call["host"],
        "path": call["request_uri"],
        "status": call["status"],
        "credential": call["client_id"],
    }


def matcher(*, paths: int, lookups: int) -> list[Figure]:
    templates = _templates(0, paths)
    started = time.perf_counter()
    trie = PathMatcher()
    for method, template in templates:
        trie.add("/v1" + template, method, template)
    built = _since(started)
    rng = random.Random(3)
    concrete = []
    for _ in range(lookups):
        method, template = templates[rng.randrange(len(templates))]
        concrete.append((method, "/v1" + template.replace("{id}", "12345").replace("{entry}", "9")))
    started = time.perf_counter()
    misses = sum(trie.match(method, path) is None for method, path in concrete)
    assert misses == 0
    return [
        (f"matcher: build a trie of {paths:,} paths", paths, built),
        (f"matcher: match paths against {paths:,} templates", lookups, _since(started)),
    ]


def _since(started: float) -> float:
    return time.perf_counter() - started
