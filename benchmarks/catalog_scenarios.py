"""The pages the catalog benchmark requests, and how one page is timed."""

import statistics
import time
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.catalog_vocabulary import TECH_TAGS
from catalog import selectors
from catalog.models import Api, Operation, Team

HTMX = {"HX-Request": "true"}


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    content_type: str
    size: int
    times_ms: list[float]
    db_ms: list[float]
    queries: list[int]
    sql: list[tuple[float, str]] = field(default_factory=list)  # the last run's, with ms

    @property
    def found(self) -> bool:
        return self.status == 200

    def percentile(self, share: float) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Check:
    name: str
    detail: str
    passed: bool


class _QueryTimer:
    """Wall time of each query, to the microsecond (the debug log rounds to milliseconds)."""

    def __init__(self) -> None:
        self.log: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.log.append(((time.perf_counter() - start) * 1000, sql))


def page_measure(
    client: Client, name: str, url: str, *, runs: int, warmups: int, headers=None, cold=False
):
    """Requests `url` warmups + runs times; times, query counts and DB time of the timed runs.

    `cold` empties the cache before each request (untimed): the first view of a set of
    filters, which computes the facet counts, rather than a repeat view that reads them.
    """
    headers = headers or {}
    for _ in range(warmups):
        client.get(url, headers=headers)
    result = PageResult(name, url, 0, "", 0, [], [], [])
    for _ in range(runs):
        if cold:
            cache.clear()
        timer = _QueryTimer()
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = client.get(url, headers=headers)
            result.times_ms.append((time.perf_counter() - start) * 1000)
        result.queries.append(len(captured))
        result.db_ms.append(sum(ms for ms, _ in timer.log))
        # The debug log holds the SQL with its parameters bound, ready for EXPLAIN.
        texts = [query["sql"] for query in captured.captured_queries]
        result.sql = [(ms, text) for (ms, _), text in zip(timer.log, texts, strict=False)]
    result.status = response.status_code
    result.content_type = response.get("Content-Type", "")
    result.size = len(response.content)
    return result


def scenario_pages() -> list[tuple[str, str, dict]]:
    """(name, url, headers) of every page measured, with parameters found in the data.

    The catalog list pages are measured twice: as repeat views (facet counts from the
    cache, as pagination, sorting, htmx swaps and other visitors get them) and as first
    views of their filters (counts computed, suffix COLD)."""
    team, tag = _busy_facet()
    typical, largest = _spec_api("median"), _spec_api("largest")
    deep = max(2, Api.objects.count() // 50)  # the middle at 25 rows a page, the end at 50
    facets = f"/?team={team}&audience=public&lifecycle=deprecated&tag={tag}"
    lists = [
        ("list, page 1", "/", {}),
        (f"list, page {deep}", f"/?page={deep}", {}),
        ("search 'payments'", "/?q=payments", {}),
        ("search-as-you-type 'pay'", "/?q=pay", {}),
        ("facets: team+audience+lifecycle+tag", facets, {}),
        ("facets, htmx partial", facets, HTMX),
        ("sunset within 90 days", "/?sunset_within=90", {}),
    ]
    return [
        *lists,
        *((name + COLD, url, headers) for name, url, headers in lists if not headers),
        (f"API page, {typical[1]} operations", f"/apis/{typical[0]}/", {}),
        (f"API page, {largest[1]} operations", f"/apis/{largest[0]}/", {}),
        ("REST list ?q=payments", "/api/v1/apis/?q=payments", {}),
    ]


COLD = ", first view"


def scenario_checks(client: Client) -> list[Check]:
    """Query counts that must not grow with the number of rows shown."""
    small_team = Team.objects.annotate(n=Count("apis")).order_by("n").first()
    big_team = Team.objects.annotate(n=Count("apis")).order_by("-n").first()
    pairs = [
        (
            "list: 7-row page vs full page",
            f"/?team={small_team.slug}",
            f"/?team={big_team.slug}",
        ),
        (
            "API page: smallest vs largest spec",
            f"/apis/{_spec_api('smallest')[0]}/",
            f"/apis/{_spec_api('largest')[0]}/",
        ),
        (
            "REST list: page_size 10 vs 100",
            "/api/v1/apis/?page_size=10",
            "/api/v1/apis/?page_size=100",
        ),
    ]
    checks = []
    for name, small, large in pairs:
        counts, statuses = [], []
        for url in (small, large):
            with CaptureQueriesContext(connection) as captured:
                statuses.append(client.get(url).status_code)
            counts.append(len(captured))
        found = statuses == [200, 200]
        detail = f"{counts[0]} vs {counts[1]} queries" if found else f"HTTP {statuses}"
        checks.append(Check(name, detail, found and counts[0] == counts[1]))
    return checks


def scenarios_run(*, runs: int, warmups: int) -> tuple[list[PageResult], list[Check]]:
    client = Client()
    results = []
    for name, url, headers in scenario_pages():
        cold = name.endswith(COLD)
        result = page_measure(
            client, name, url, runs=runs, warmups=warmups, headers=headers, cold=cold
        )
        results.append(result)
        print(f"    {name}: p50 {statistics.median(result.times_ms):.1f} ms", flush=True)
    return results, scenario_checks(client)


def _busy_facet() -> tuple[str, str]:
    """The biggest team, and the technical tag most used by its public deprecated APIs."""
    team = Team.objects.annotate(n=Count("apis")).order_by("-n").first()
    tags: dict[str, int] = {}
    for api_tags in Api.objects.filter(
        team=team, audience="public", lifecycles__overlap=["deprecated"]
    ).values_list("tags", flat=True):
        for tag in api_tags:
            tags[tag] = tags.get(tag, 0) + (tag in TECH_TAGS)
    return team.slug, max(tags, key=tags.get)


def _spec_api(rank: str) -> tuple[str, int]:
    """An API whose page shows a spec with the fewest, median or most operations
    ("smallest", "median", "largest"): its default version is the one with that spec.
    Returns the API's slug and the number of operations."""
    sizes = list(
        Operation.objects.values_list("spec_id").annotate(n=Count("id")).order_by("n", "spec_id")
    )
    start = {"smallest": 0, "median": len(sizes) // 2, "largest": len(sizes) - 1}[rank]
    step = -1 if rank == "largest" else 1
    for spec_id, operations in sizes[start::step]:
        for api in Api.objects.filter(versions__spec_id=spec_id):
            shown = selectors.version_default(list(selectors.api_versions(api)))
            if shown is not None and shown.spec_id == spec_id:
                return api.slug, operations
    raise LookupError("no API page shows a spec")
