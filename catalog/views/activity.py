"""The audit trail as a page and as a CSV file: who changed what, when, before and after.

The trail only grows, so it is read newest first by key (``?before=<id>``, "Older" and
"Newest" links) rather than by page number: a page costs the same however long the trail,
and no event is skipped or shown twice when new ones arrive while someone reads.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import principal_of
from catalog import selectors
from catalog.api.serializers import AuditEventSerializer
from catalog.filtersets import AuditEventFilterSet
from catalog.models import AuditEvent
from catalog.views.access import catalog_reader

EVENTS_PER_PAGE = 50
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _filtered(request: HttpRequest) -> AuditEventFilterSet:
    events = selectors.activity_visible_to(principal_of(request))
    return AuditEventFilterSet(request.GET or None, queryset=events)


def _usable(filterset: AuditEventFilterSet) -> bool:
    return not filterset.is_bound or filterset.is_valid()


def _before(request: HttpRequest) -> int | None:
    value = request.GET.get("before", "")
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    return int(value) if value.isdecimal() and len(value) < 19 else None


@require_GET
@catalog_reader
def activity(request: HttpRequest) -> HttpResponse:
    filterset = _filtered(request)
    everything = principal_of(request).reads_all_activity
    events, older = [], False
    if _usable(filterset):
        rows = filterset.qs
        before = _before(request)
        if before is not None:
            rows = rows.filter(id__lt=before)
        events = list(rows[: EVENTS_PER_PAGE + 1])
        older = len(events) > EVENTS_PER_PAGE
        events = events[:EVENTS_PER_PAGE]
        _link_targets(events)
    context = {
        "filterset": filterset,
        "events": events,
        "older": events[-1].pk if older else None,
        "paged": _before(request) is not None,
        "everything": everything,
    }
    return render(request, "catalog/activity.html", context)


# What a target's URL reads besides its own row (a version's URL names its API).
_URL_NEEDS = {"catalog.version": ["api"]}


def _link_targets(events: list[AuditEvent]) -> None:
    """Sets `target_url` on each event whose target still exists and has a page: one query
    per kind of target on the page, however many events."""
    wanted: dict[ContentType, set[str]] = defaultdict(set)
    for event in events:
        wanted[event.target_type].add(event.target_id)
    urls: dict[tuple[int, str], str] = {}
    for kind, ids in wanted.items():
        model = kind.model_class()
        if model is None or not hasattr(model, "get_absolute_url"):
            continue
        keys = [key for key in ids if key.isdecimal()]  # every audited model has integer keys
        rows = model._default_manager.filter(pk__in=keys)
        if needs := _URL_NEEDS.get(model._meta.label_lower):
            rows = rows.select_related(*needs)  # (with no names it would follow every key)
        for row in rows:
            urls[(kind.pk, str(row.pk))] = row.get_absolute_url()
    for event in events:
        event.target_url = urls.get((event.target_type_id, event.target_id))


@require_GET
@catalog_reader
def activity_export(request: HttpRequest) -> HttpResponse:
    """The filtered trail as CSV, streamed: an export of a year's changes for an auditor."""
    filterset = _filtered(request)
    if not _usable(filterset):
        problems = "; ".join(f"{name}: {' '.join(e)}" for name, e in filterset.errors.items())
        return HttpResponse(
            f"The filters are not valid ({problems}).", status=400, content_type="text/plain"
        )
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(_csv_lines(filterset.qs), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="portal-activity-{stamp}.csv"'
    return response


class _Line:
    """The file-like object csv.writer writes to: hands each line back instead of storing it."""

    def write(self, line: str) -> str:
        return line


def _csv_lines(events) -> Iterator[str]:
    """The rows of the REST resource, one line each: the API and the file agree."""
    writer = csv.writer(_Line())
    columns = AuditEventSerializer.Meta.fields
    yield writer.writerow(columns)
    for event in events.iterator(chunk_size=2000):
        row = AuditEventSerializer(event).data
        yield writer.writerow(_cell(_text(row[column])) for column in columns)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value
