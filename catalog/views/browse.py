"""The catalog list: search as you type, facets with counts, sorting and pages."""

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from catalog import selectors
from catalog.filtersets import ApiFilterSet
from catalog.views.access import catalog_reader
from catalog.views.common import wants_partial
from portal.pagination import KeysFirstPaginator

PER_PAGE = 25
FACETS = (
    ("team", "Team", "checkbox"),
    ("audience", "Audience", "checkbox"),
    ("lifecycle", "Lifecycle", "checkbox"),
    ("sunset_within", "Sunsets within", "radio"),
    ("tag", "Tag", "checkbox"),
    ("lint_status", "Lint status", "checkbox"),
)
SORTS = (
    ("", "Best match, then name"),
    ("name", "Name, A to Z"),
    ("-name", "Name, Z to A"),
    ("-updated", "Recently updated"),
    ("sunset", "Sunset, soonest first"),
    ("score", "Lint score, lowest first"),
)


@require_GET
@catalog_reader
@vary_on_headers("HX-Request")
def api_list(request: HttpRequest) -> HttpResponse:
    filterset = ApiFilterSet(request.GET, queryset=selectors.api_list())
    facets = selectors.api_facets(request.GET, filterset=filterset)
    # A search in its default order: the facet statement ranked its first matches.
    ranked = None if request.GET.get("sort") else facets["ranked"]
    paginator = KeysFirstPaginator(filterset.qs, PER_PAGE, known_keys=ranked)
    if facets["count"] is not None:
        paginator.count = facets["count"]  # known from the facet counts: no second scan
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filterset": filterset,
        "errors": [message for messages in filterset.errors.values() for message in messages],
        "page_obj": page,
        "facets": facet_groups(request.GET, facets),
        "sorts": SORTS,
        "sort": request.GET.get("sort", ""),
        "q": request.GET.get("q", ""),
        "filtered": any(request.GET.getlist(name) for name in ApiFilterSet.base_filters),
    }
    template = "catalog/api_list.html"
    if wants_partial(request):
        template += "#results"
    return render(request, template, context)


def facet_groups(data: QueryDict, facets: dict) -> list[dict]:
    """The facets as form groups: each option with its count and whether it is chosen.

    A chosen value the counts no longer list (no API has it under the other
    filters) is kept, with 0, so submitting the form does not silently drop it.
    """
    groups = []
    for name, title, kind in FACETS:
        chosen = [value for value in data.getlist(name) if value]  # "" is "any"
        options = [
            _option(name, value, label, count, value in chosen)
            for value, label, count in facets[name]
        ]
        listed = {option["value"] for option in options}
        options += [_option(name, value, value, 0, True) for value in chosen if value not in listed]
        if kind == "radio":
            options.insert(0, _option(name, "", "Any time", None, not any(chosen)))
        groups.append({"name": name, "title": title, "kind": kind, "options": options})
    return groups


def _option(name: str, value: str, label: str, count: int | None, checked: bool) -> dict:
    # Ids stay the same from one response to the next, so htmx puts focus back after a swap.
    return {
        "id": f"facet-{name}-{slugify(value) or 'any'}",
        "value": value,
        "label": label,
        "count": count,
        "checked": checked,
    }
