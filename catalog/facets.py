"""The facet counts of the catalog list: how many APIs each value of each facet would show.

Each facet is counted with every *other* chosen filter applied, so choosing a team still shows
how many APIs the other teams have. Facets that share the same other filters (all those with
no value chosen, and all of them on a plain search) are counted in one statement over one
scan of the matching rows, rather than one scan per facet: a search for "pay" matches a
quarter of the catalog, and each scan costs as much as the page itself (docs/benchmarks.md).

A search's statement also returns the ids of its best matches (RANKED_KEYS, in the list's
order), so the first pages of a search need no second scan to rank the matches.

Counts move only when an API changes: they are cached in the shared cache for FACETS_TTL
seconds at most, keyed by the catalog's generation (catalog/cache.py), so a committed change
is counted by the next request.
"""

import hashlib
import json

from django.core.cache import cache
from django.db import connection
from django.db.models import F, QuerySet
from django.utils import timezone

from catalog.cache import catalog_generation
from catalog.filtersets import LINT_STATUS_CHOICES, ApiFilterSet
from catalog.models import Api, Audience, Lifecycle

FACETS = ("team", "audience", "lifecycle", "tag", "sunset_within", "lint_status")
FACETS_TTL = 60
SUNSET_BUCKETS = (30, 90, 180)
TAG_LIMIT = 25
RANKED_KEYS = 100  # four pages of 25

# The search's best matches, in the list's order for a search (rank, then name and id).
_RANKED_SQL = (
    "(SELECT 'ranked', id::text, NULL, row_number() OVER (ORDER BY rank DESC, name, id) "
    f"FROM m ORDER BY rank DESC, name, id LIMIT {RANKED_KEYS})"
)

# One SELECT per facet over the matching rows `m`, as (facet, value, label, count) rows.
_FACET_SQL = {
    "team": "SELECT 'team', team_slug, team_name, count(*) FROM m GROUP BY team_slug, team_name",
    "audience": "SELECT 'audience', audience, NULL, count(*) FROM m GROUP BY audience",
    "lifecycle": (
        "SELECT 'lifecycle', value, NULL, count(*) FROM m, unnest(lifecycles) AS value "
        "GROUP BY value"
    ),
    "tag": (
        "(SELECT 'tag', value, NULL, count(*) FROM m, unnest(tags) AS value GROUP BY value "
        f"ORDER BY count(*) DESC, value LIMIT {TAG_LIMIT})"
    ),
    "sunset_within": (
        "SELECT 'sunset_within', days::text, NULL, count(*) FILTER (WHERE next_sunset_on <= "
        "%s::date + days) FROM m CROSS JOIN unnest(%s::int[]) AS days GROUP BY days"
    ),
    "lint_status": "SELECT 'lint_status', lint_status, NULL, count(*) FROM m GROUP BY lint_status",
}
# A facet whose values partition the APIs (each API has exactly one): their counts add up
# to the number of matching APIs, which saves the list its own count query.
_PARTITIONS = ("audience", "lint_status", "team")


def api_facets(data, *, filterset: ApiFilterSet | None = None) -> dict:
    """The counts of each facet's values, as (value, label, count) lists by facet name;
    under "count" the number of APIs all the filters match when the counts tell it (else
    None); under "ranked", for a search, the ids of its first RANKED_KEYS matches in the
    order of the search's default sort (else None).

    `data` is the request's query (a QueryDict, or a dict of lists); pass the list's own
    `filterset` built from it to reuse its validated values instead of validating again.
    """
    key = f"catalog:facets:{catalog_generation()}:{_filters_digest(data)}"
    facets = cache.get(key)
    if facets is None:
        facets = _facet_counts(filterset or ApiFilterSet(data, queryset=Api.objects.all()))
        cache.set(key, facets, timeout=FACETS_TTL)
    return facets


def _filters_digest(data) -> str:
    """The filters of a query, in a canonical form: page, sort and unknown names left out."""
    return hashlib.sha256(json.dumps(_chosen(data), sort_keys=True).encode()).hexdigest()


def _chosen(data) -> dict[str, list[str]]:
    """The filters given a value in the query (a QueryDict, or a dict of lists)."""
    values = {}
    for name in ApiFilterSet.base_filters:
        if name == "sort":
            continue
        chosen = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        chosen = [chosen] if isinstance(chosen, str) else chosen
        if chosen := sorted(value for value in chosen if value):
            values[name] = chosen
    return values


def _facet_counts(filterset: ApiFilterSet) -> dict:
    filterset.is_valid()
    cleaned = filterset.form.cleaned_data
    # Invalid values are left out of cleaned_data, and so out of the list's filtering.
    values = {name: cleaned[name] for name in _chosen(filterset.data) if name in cleaned}
    # Facets counted under the same other filters share one statement.
    groups: dict[frozenset[str], list[str]] = {}
    for facet in FACETS:
        groups.setdefault(frozenset(values.keys() - {facet}), []).append(facet)
    rows: dict[str, list[tuple[str, str | None, int]]] = {facet: [] for facet in FACETS}
    rows["ranked"] = []
    total = ranked = None
    for names, facets in groups.items():
        queryset = Api.objects.all()
        for name in names:  # as FilterSet.filter_queryset, without the facet's own filter
            queryset = filterset.filters[name].filter(queryset, values[name])
        # The list's own filters, on a search: its matches are ranked here too.
        listed = names == values.keys()
        searched = listed and "rank" in queryset.query.annotations
        for facet, value, label, count in _count(queryset, facets, ranked=searched):
            rows[facet].append((value, label, count))
        if listed:
            partition = next((facet for facet in _PARTITIONS if facet in facets), None)
            total = sum(count for *_, count in rows[partition]) if partition else None
        if searched:
            ranked = [int(key) for key, _, _ in sorted(rows["ranked"], key=lambda row: row[2])]
    return {**_labelled(rows), "count": total, "ranked": ranked}


def _count(queryset: QuerySet[Api], facets: list[str], *, ranked: bool) -> list[tuple]:
    # The id too: some filters make the query DISTINCT, which would merge APIs alike.
    ranking = ("rank", "name") if ranked else ()
    matching = queryset.order_by().values(
        *ranking,
        "id",
        "audience",
        "lifecycles",
        "tags",
        "next_sunset_on",
        "lint_status",
        team_slug=F("team__slug"),
        team_name=F("team__name"),
    )
    inner, params = matching.query.sql_with_params()
    selects, select_params = [], []
    for facet in facets:
        selects.append(_FACET_SQL[facet])
        if facet == "sunset_within":
            select_params += [timezone.localdate(), list(SUNSET_BUCKETS)]
    if ranked:
        selects.append(_RANKED_SQL)
    sql = f"WITH m AS MATERIALIZED ({inner}) " + " UNION ALL ".join(selects)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *select_params])
        return cursor.fetchall()


def _labelled(rows: dict[str, list[tuple[str, str | None, int]]]) -> dict:
    counts = {facet: {value: count for value, _, count in found} for facet, found in rows.items()}
    lint = counts["lint_status"]
    lint["unlinted"] = lint.pop("", 0)
    teams = sorted(rows["team"], key=lambda row: (-row[2], row[1]))
    return {
        "team": [(slug, name, count) for slug, name, count in teams],
        "audience": [
            (value, label, counts["audience"].get(value, 0)) for value, label in Audience.choices
        ],
        "lifecycle": [
            (value, label, counts["lifecycle"].get(value, 0)) for value, label in Lifecycle.choices
        ],
        "tag": [
            (tag, tag, count)
            for tag, _, count in sorted(rows["tag"], key=lambda row: (-row[2], row[0]))
        ],
        "sunset_within": [
            (str(days), f"{days} days", counts["sunset_within"].get(str(days), 0))
            for days in SUNSET_BUCKETS
        ],
        "lint_status": [(value, label, lint.get(value, 0)) for value, label in LINT_STATUS_CHOICES],
    }
