"""Findings across the catalog: which rules the APIs' current versions break, and where; what a
platform team looks at to decide which guidance, or which rule, needs work."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalog.models import Team
from catalog.views.access import catalog_reader
from governance import selectors
from governance.models import Severity
from governance.views.lint import SEVERITY_KEYS
from governance.views.rules import rule_doc_url

SHOWN_APIS = 5  # per rule; the rest are counted


@require_GET
@catalog_reader
def catalog_findings(request: HttpRequest) -> HttpResponse:
    teams = list(Team.objects.order_by("name").only("slug", "name"))
    team = next((t for t in teams if t.slug == request.GET.get("team")), None)
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
    context = {"teams": teams, "team": team, "rows": rows, **report}
    return render(request, "governance/catalog_findings.html", context)
