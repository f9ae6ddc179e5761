"""Functions that read the catalog for pages and the API. No writes here."""

import datetime
import hashlib
import json
from collections import OrderedDict

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from catalog.cache import catalog_generation
from catalog.filtersets import LINT_STATUS_CHOICES, ApiFilterSet
from catalog.models import (
    Api,
    Audience,
    AuditEvent,
    Lifecycle,
    Membership,
    MetadataField,
    Operation,
    SpecDocument,
    Team,
    Version,
)

SUNSET_BUCKETS = (30, 90, 180)


def api_list() -> QuerySet[Api]:
    """APIs for lists: the owner team joined, the heavy columns left behind."""
    return Api.objects.select_related("team").defer(
        "description", "search_extra", "search_vector", "metadata"
    )


def spec_documents() -> QuerySet[SpecDocument]:
    """Spec documents without their bytes, which can weigh 25 MB each."""
    return SpecDocument.objects.defer("content")


# Facet counts move only when an API changes: they are cached in the shared cache for
# FACETS_TTL seconds at most, and dropped as soon as a service changes an API (see
# catalog/cache.py). Without the cache every list view would scan the whole catalog once
# per facet (docs/benchmarks.md).
FACETS_TTL = 60


def api_facets(data, *, filterset: ApiFilterSet | None = None) -> dict:
    """Counts for each facet of the catalog list, each computed with every *other*
    filter applied, so choosing a team still shows how many APIs the other teams have.

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
    values = {}
    for name in ApiFilterSet.base_filters:
        if name == "sort":
            continue
        chosen = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
        chosen = [chosen] if isinstance(chosen, str) else chosen
        if chosen := sorted(value for value in chosen if value):
            values[name] = chosen
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def _facet_counts(filterset: ApiFilterSet) -> dict:
    filterset.is_valid()  # invalid values are left out of cleaned_data, as the list does
    values = {name: value for name, value in filterset.form.cleaned_data.items() if name != "sort"}

    def filtered_without(facet: str) -> QuerySet[Api]:
        # As FilterSet.filter_queryset, less one filter: no second validation (and no
        # second team lookup) per facet.
        queryset = Api.objects.order_by()
        for name, value in values.items():
            if name != facet:
                queryset = filterset.filters[name].filter(queryset, value)
        return queryset.order_by()  # the search filter orders by rank

    teams = (
        filtered_without("team")
        .values("team__slug", "team__name")
        .annotate(count=Count("id"))
        .order_by("-count", "team__name")
    )
    audiences = dict(
        filtered_without("audience").values_list("audience").annotate(count=Count("id"))
    )
    today = timezone.localdate()
    sunset = filtered_without("sunset_within").aggregate(
        **{
            f"d{days}": Count(
                "id", filter=Q(next_sunset_on__lte=today + datetime.timedelta(days=days))
            )
            for days in SUNSET_BUCKETS
        }
    )
    lifecycles = dict(_unnest_counts(filtered_without("lifecycle"), "lifecycles", limit=10))
    lint = dict(filtered_without("lint_status").values_list("lint_status").annotate(Count("id")))
    lint["unlinted"] = lint.pop("", 0)
    return {
        "team": [(row["team__slug"], row["team__name"], row["count"]) for row in teams],
        "audience": [(value, label, audiences.get(value, 0)) for value, label in Audience.choices],
        "lifecycle": [
            (value, label, lifecycles.get(value, 0)) for value, label in Lifecycle.choices
        ],
        "tag": [
            (tag, tag, count) for tag, count in _unnest_counts(filtered_without("tag"), "tags")
        ],
        "sunset_within": [
            (str(days), f"{days} days", sunset[f"d{days}"]) for days in SUNSET_BUCKETS
        ],
        "lint_status": [(value, label, lint.get(value, 0)) for value, label in LINT_STATUS_CHOICES],
    }


def _unnest_counts(queryset: QuerySet[Api], column: str, limit: int = 25) -> list[tuple[str, int]]:
    """Counts of each element of an array column over the APIs of `queryset`."""
    assert column in {"tags", "lifecycles"}
    inner_sql, params = queryset.values("pk").query.sql_with_params()
    sql = (
        f"SELECT value, count(*) FROM (SELECT unnest({column}) AS value FROM catalog_api "
        f"WHERE id IN ({inner_sql})) AS elements GROUP BY value ORDER BY count(*) DESC, value "
        f"LIMIT {int(limit)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def api_versions(api: Api) -> QuerySet[Version]:
    """An API's versions, newest first, with their specs (without the bytes)."""
    return (
        Version.objects.filter(api=api)
        .select_related("successor")
        .prefetch_related(Prefetch("spec", queryset=spec_documents()))
    )


def version_operations_by_tag(version: Version) -> "OrderedDict[str, list[Operation]]":
    """The operations of a version's spec grouped by their first tag, in document order."""
    groups: OrderedDict[str, list[Operation]] = OrderedDict()
    if not version.spec_id:
        return groups
    for operation in Operation.objects.filter(spec_id=version.spec_id).order_by("position"):
        groups.setdefault(operation.tags[0] if operation.tags else "Other", []).append(operation)
    return groups


def teams_with_counts() -> QuerySet[Team]:
    return Team.objects.annotate(api_count=Count("apis", distinct=True)).order_by("name")


def apis_of_user(user) -> QuerySet[Api]:
    return api_list().filter(team__memberships__user=user).order_by("team__name", "name")


def api_page(slug: str) -> Api | None:
    """One API with its team, for its page; None if there is no such API."""
    return Api.objects.select_related("team").filter(slug=slug).first()


def version_default(versions: list[Version], wanted: str | None = None) -> Version | None:
    """The version named `wanted` if there is one, else the version a reader most likely
    wants: the newest released one, else the newest."""
    named = (v for v in versions if wanted and v.version == wanted)
    released = (v for v in versions if v.lifecycle == Lifecycle.RELEASED)
    return next(named, None) or next(released, versions[0] if versions else None)


def version_page(slug: str, version: str) -> Version | None:
    """One version with its API, team, successor and spec (without the bytes)."""
    return (
        Version.objects.select_related("api__team", "successor")
        .prefetch_related(Prefetch("spec", queryset=spec_documents()))
        .filter(api__slug=slug, version=version)
        .first()
    )


def version_spec_content(slug: str, version: str) -> SpecDocument | None:
    """The spec document of a version, bytes included, for download."""
    return (
        SpecDocument.objects.filter(versions__api__slug=slug, versions__version=version)
        .only("content", "syntax", "filename", "sha256")
        .first()
    )


def api_metadata(api: Api) -> list[tuple[MetadataField, object]]:
    """The admin-defined metadata fields that have a value on this API, in field order."""
    return [
        (field, api.metadata[field.key])
        for field in MetadataField.objects.all()
        if api.metadata.get(field.key) not in (None, "")
    ]


def api_recent_changes(api: Api, limit: int = 10) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(api=api).only(
        "actor_label", "action", "target_label", "created_at", "api_id"
    )[:limit]


def team_page(slug: str) -> Team | None:
    """A team with its memberships and their users, for its page."""
    memberships = Membership.objects.select_related("user").order_by(
        "-role", "user__username"
    )  # owners first
    return (
        Team.objects.prefetch_related(Prefetch("memberships", queryset=memberships))
        .filter(slug=slug)
        .first()
    )


def spec_operation_count(spec_id: int) -> int:
    return Operation.objects.filter(spec_id=spec_id).count()


def version_operation_outline(version: Version) -> "OrderedDict[str, list[Operation]]":
    """As version_operations_by_tag, without each operation's detail and description:
    the table of contents of a large spec."""
    groups: OrderedDict[str, list[Operation]] = OrderedDict()
    operations = (
        Operation.objects.filter(spec_id=version.spec_id)
        .defer("detail", "description")
        .order_by("position")
    )
    for operation in operations:
        groups.setdefault(operation.tags[0] if operation.tags else "Other", []).append(operation)
    return groups


def version_operation(version: Version, position: int) -> Operation | None:
    return Operation.objects.filter(spec_id=version.spec_id, position=position).first()
