"""Checks that the set-based seed left the rows the real services would: on a sample, run
spec_process and api_refresh_rollups inside a transaction that is rolled back, and
compare every column they write before and after."""

from django.db import transaction

from catalog.models import Api, Operation, SpecDocument
from catalog.services import api_refresh_rollups, spec_process

API_COLUMNS = ("lifecycles", "next_sunset_on", "latest_version", "search_extra", "search_vector")
SPEC_COLUMNS = ("status", "syntax", "openapi_family", "openapi_version", "title", "description")
SPEC_COLUMNS += ("info_version", "servers", "tags")
OPERATION_COLUMNS = ("position", "method", "path", "operation_id", "summary", "description")
OPERATION_COLUMNS += ("tags", "deprecated", "detail")


def catalog_seed_verify(*, every: int = 100) -> list[str]:
    """Differences between the seeded rows and the services' rows for one API in `every`,
    as readable lines; an empty list means the seed is faithful."""
    api_ids = list(Api.objects.order_by("pk").values_list("pk", flat=True)[::every])
    spec_ids = list(
        SpecDocument.objects.filter(versions__api__in=api_ids).values_list("pk", flat=True)
    )
    apis = Api.objects.filter(pk__in=api_ids)
    specs = SpecDocument.objects.filter(pk__in=spec_ids)
    with transaction.atomic():
        apis_before = _rows(apis, API_COLUMNS)
        specs_before, operations_before = _rows(specs, SPEC_COLUMNS), _operations(spec_ids)
        reprocessed = _specs_reprocess(spec_ids)
        for api in apis:
            api_refresh_rollups(api=api)
        problems = _compare("API", apis_before, _rows(apis, API_COLUMNS))
        if reprocessed:
            problems += _compare("spec", specs_before, _rows(specs, SPEC_COLUMNS))
            problems += _compare("operations of spec", operations_before, _operations(spec_ids))
        transaction.set_rollback(True)
    print(f"    compared {len(api_ids)} APIs and {len(spec_ids)} specs with the services' rows")
    return problems


def _specs_reprocess(spec_ids: list[int]) -> bool:
    """Runs the worker's spec_process again on each document, as if just uploaded.

    False, with a warning, when the service itself fails: that is its bug, not the seed's.
    """
    SpecDocument.objects.filter(pk__in=spec_ids).update(status=SpecDocument.Status.PENDING)
    try:
        with transaction.atomic():
            for spec_id in spec_ids:
                spec_process(spec_id=spec_id)
    except Exception as exc:  # noqa: BLE001 - reported; the roll-ups are still compared
        print(f"    warning: spec_process fails ({exc!r}), so specs were not compared")
        return False
    return True


def _rows(queryset, columns) -> dict:
    return {row[0]: row[1:] for row in queryset.values_list("pk", *columns)}


def _operations(spec_ids) -> dict:
    rows: dict = {spec_id: [] for spec_id in spec_ids}
    for row in Operation.objects.filter(spec_id__in=spec_ids).values_list(
        "spec_id", *OPERATION_COLUMNS
    ):
        rows[row[0]].append(row[1:])
    return {spec_id: sorted(ops, key=lambda op: op[0]) for spec_id, ops in rows.items()}


def _compare(label: str, before: dict, after: dict) -> list[str]:
    return [
        f"{label} {key}: seeded {before[key]!r:.200} but the services give {after.get(key)!r:.200}"
        for key in before
        if before[key] != after.get(key)
    ]
