"""Findings across the catalog: which rules the APIs' current versions break, and where; what a
platform team looks at to decide which guidance, or which rule, needs work."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalog.models import Team
from catalog.views.access import catalog_reader
from governance import selectors
from governance.models import Severity
from governance.views.lint import SEVERITY_KEYS
from governance.views.rules import rule_doc_url

SHOWN_APIS = 5  # per rule; the rest are counted, and listed on the rule's own page
PER_PAGE = 50


@require_GET
@catalog_reader
def catalog_findings(request: HttpRequest) -> HttpResponse:
    filters = _team_filter(request)
    team = filters["team"]
    report = selectors.catalog_findings_by_rule(team)
    rows = [
        rule
        | {
            "name": SEVERITY_KEYS[rule["severity"]],
            "label": Severity(rule["severity"]).label,
            "doc_url": rule_doc_url(rule["code"], ""),
            "shown": rule["apis"][:SHOWN_APIS],
            "more": max(len(rule["apis"]) - SHOWN_APIS, 0),
        }
        for rule in report["rules"]
    ]
    context = {**filters, "rows": rows, **report}
    return render(request, "governance/catalog_findings.html", context)


@require_GET
@catalog_reader
def catalog_rule_findings(request: HttpRequest, code: str) -> HttpResponse:
    """Every API whose current result breaks one rule, most findings first, a page at a time."""
    filters = _team_filter(request)
    team = filters["team"]
    report = selectors.catalog_findings_by_rule(team, code=code)
    if not report["rules"]:  # none breaks it (any more): a bookmark still finds the page
        rule = {"code": code, "apis": [], "findings": 0}
    else:
        [rule] = report["rules"]
        rule |= {
            "name": SEVERITY_KEYS[rule["severity"]],
            "label": Severity(rule["severity"]).label,
        }
    page = Paginator(rule["apis"], PER_PAGE).get_page(request.GET.get("page"))
    context = {
        **filters,
        "rule": rule,
        "doc_url": rule_doc_url(code, ""),
        "page_obj": page,
    }
    return render(request, "governance/catalog_rule_findings.html", context)


def _team_filter(request: HttpRequest) -> dict:
    """The teams to filter by, the one chosen (`?team=`), and the slug asked for when there
    is no such team (the page says so, and shows every team)."""
    teams = list(Team.objects.order_by("name").only("slug", "name"))
    asked = request.GET.get("team", "")
    team = next((t for t in teams if t.slug == asked), None)
    return {"teams": teams, "team": team, "unknown_team": asked if asked and not team else ""}
