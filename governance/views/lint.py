"""A version's lint findings: a page of its own, and the section the version page loads.

The version page (catalog) does not query governance: its lint section fetches this view's
`#lint` fragment, and links here for browsers without JavaScript.
"""

from itertools import groupby
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

import speclib.lint as speclint
from catalog import selectors as catalog_selectors
from catalog.models import SpecDocument, Version
from catalog.views.access import catalog_reader
from catalog.views.common import UNFINISHED, wants_partial
from governance import selectors
from governance.filtersets import SEVERITY_NAMES, LintFindingFilterSet
from governance.models import LintRun, Severity
from governance.views.rules import rule_doc_url
from speclib.lint.output import format_findings

PER_PAGE = 50
LINT_REGION = "lint"  # the id of the section, which polls for itself while a lint runs
# Set by the poll that waits for a re-lint: answered 204 (htmx swaps nothing) until it ends,
# so the findings shown meanwhile are not read and rendered again every few seconds.
WAITING = "waiting"
SEVERITY_KEYS = {number: name for name, number in SEVERITY_NAMES.items()}
ORIGINS = (("", "All findings"), ("true", "New in this version"), ("false", "Inherited"))


@require_GET
@catalog_reader
@vary_on_headers("HX-Request")
def version_lint(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    found = catalog_selectors.version_page(slug, version)
    if found is None:
        raise Http404("There is no such version.")
    partial = wants_partial(request, target=LINT_REGION)
    state = lint_state(found)
    if partial and request.GET.get(WAITING) and state["relinting"]:
        return HttpResponse(status=204)
    query = request.GET.copy()
    query.pop(WAITING, None)
    context = {"api": found.api, "version": found, "query": query, **state}
    if state["run"] is not None and state["run"].status == LintRun.Status.DONE:
        context |= lint_findings(query, state["run"])
    template = "governance/version_lint.html"
    if partial:
        template += "#lint"
    return render(request, template, context)


def lint_state(version: Version) -> dict[str, Any]:
    """The lint run to show for a version's document, and whether the page waits for one:
    while the spec is parsed, while its first lint runs, or while a re-lint runs."""
    spec = version.spec if version.spec_id else None
    ready = spec is not None and spec.status == SpecDocument.Status.READY
    run = selectors.spec_lint_run(spec.pk) if ready else None
    context: dict[str, Any] = {
        "spec": spec,
        "run": run,
        "relinting": False,
        # A spec still parsed gets a run once it is ready: wait for that too.
        "polling": spec is not None and spec.status in UNFINISHED,
    }
    if run is None:
        context["polling"] |= ready
        return context
    context["relinting"] = run.is_finished and selectors.spec_relinting(spec.pk, run)
    context["polling"] = not run.is_finished
    return context


def lint_findings(query: QueryDict, run: LintRun) -> dict[str, Any]:
    """A finished run's findings by rule, and one page of the findings the filters choose,
    each with the lines of the source around it."""
    filterset = LintFindingFilterSet(_chosen(query), queryset=selectors.lint_findings(run))
    page = Paginator(filterset.qs, PER_PAGE).get_page(query.get("page"))
    excerpts = selectors.source_excerpts(run, list(page.object_list))
    rules = [
        {**row, "doc_url": rule_doc_url(row["code"], row["documentation_url"] or "")}
        for row in selectors.lint_rule_counts(run)
    ]
    return {
        "filterset": filterset,
        "filters": _filters(query, rules),
        "filtered": any(query.get(name) for name in LintFindingFilterSet.base_filters),
        "page_obj": page,
        "rule_groups": _by_severity(rules, key=lambda row: row["severity"]),
        "finding_groups": _by_severity(
            [
                {"finding": f, "lines": lines, "doc_url": rule_doc_url(f.code, f.documentation_url)}
                for f, lines in excerpts
            ],
            key=lambda item: item["finding"].severity,
        ),
        "new_count": sum(row["new"] for row in rules),
    }


def _chosen(query: QueryDict) -> QueryDict:
    """The query without its empty values: the form sends `code=` for "any rule", which the
    filter set would read as "the rule named nothing"."""
    chosen = QueryDict(mutable=True)
    for name, values in query.lists():
        chosen.setlist(name, [value for value in values if value])
    return chosen


def _by_severity(items: list, key) -> list[dict]:
    """Items already ordered by severity, as groups: error, warning, information, hint."""
    return [
        {"severity": number, "name": SEVERITY_KEYS[number], "label": Severity(number).label}
        | {"items": list(group)}
        for number, group in groupby(items, key=key)
    ]


def _filters(query: QueryDict, rules: list[dict]) -> dict[str, Any]:
    """The filter form's choices and what is chosen, from the findings the run has."""
    present = sorted({row["severity"] for row in rules})
    return {
        "severities": [(SEVERITY_KEYS[number], Severity(number).label) for number in present],
        "severity": query.get("severity", ""),
        "codes": sorted({row["code"] for row in rules}),
        "code": query.get("code", ""),
        "origins": ORIGINS,
        "new": query.get("new", ""),
    }


EXPORTS = {  # format -> (media type, file extension)
    "json": ("application/json", "json"),
    "sarif": ("application/sarif+json", "sarif"),
}


@require_GET
@catalog_reader
def version_lint_export(request: HttpRequest, slug: str, version: str, fmt: str) -> HttpResponse:
    """A version's findings as a file, as `portal lint --format json|sarif` prints them: for a
    code scanning upload, an audit, or another tool that reads Spectral's output."""
    if fmt not in EXPORTS:
        raise Http404("The findings download as json or sarif.")
    found = catalog_selectors.version_page(slug, version)
    run = selectors.version_lint_run(found) if found is not None else None
    if run is None or run.status != LintRun.Status.DONE:
        raise Http404("This version has no finished lint.")
    source = found.spec.filename or f"{slug}-{found.version}"
    findings = [
        speclint.Finding(
            code=row.code,
            message=row.message,
            path=tuple(row.path),
            severity=speclint.Severity(row.severity),
            range=speclint.Range(
                speclint.Position(row.start_line, row.start_character),
                speclint.Position(row.end_line, row.end_character),
            ),
            source=source,
            documentation_url=row.documentation_url or None,
        )
        for row in selectors.lint_findings(run).iterator(chunk_size=2000)
    ]
    media_type, extension = EXPORTS[fmt]
    response = HttpResponse(format_findings(findings, fmt), content_type=media_type)
    filename = f"{slug}-{found.version}-lint.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
