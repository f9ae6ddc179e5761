"""Traffic the portal could not attribute, and the recent ingest runs with their refusals."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalog.views.access import catalog_reader
from usage import selectors
from usage.models import UnattributedDaily

WINDOWS = (1, 7, 30)


@require_GET
@catalog_reader
def unattributed(request: HttpRequest) -> HttpResponse:
    days = int(request.GET["days"]) if request.GET.get("days") in {"1", "7", "30"} else 7
    anonymous = request.GET.get("anonymous") == "1"
    rows = list(selectors.unattributed_traffic(days=days, include_anonymous=anonymous)[:200])
    reasons = dict(UnattributedDaily.Reason.choices)
    for row in rows:
        row["reason_label"] = reasons.get(row["reason"], row["reason"])
    context = {
        "rows": rows,
        "days": days,
        "windows": WINDOWS,
        "anonymous": anonymous,
        "runs": selectors.recent_ingest_runs(20),
    }
    return render(request, "usage/unattributed.html", context)
