"""A team's lint scorecard: the team's score, each API's, and each API's trend over its
versions, drawn as a small SVG line on the server (no chart library) beside a table."""

from itertools import groupby
from statistics import fmean
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalog.views.access import catalog_reader
from governance import selectors

# The trend line's box, in SVG user units: the page scales it with CSS.
WIDTH, HEIGHT, PAD = 160, 40, 4


@require_GET
@catalog_reader
def team_scorecard(request: HttpRequest, slug: str) -> HttpResponse:
    team = selectors.scorecard_team(slug)
    if team is None:
        raise Http404("There is no such team.")
    apis = list(selectors.team_apis_by_score(team))
    trends = {
        slug: _trend(list(rows))
        for slug, rows in groupby(selectors.team_scorecard(team), key=lambda row: row["api__slug"])
    }
    scores = [api.lint_score for api in apis if api.lint_score is not None]
    context = {
        "team": team,
        # The mean of the APIs' scores, as selectors.team_lint_score has it, from the rows
        # already read.
        "team_score": round(fmean(scores)) if scores else None,
        "rows": [{"api": api, "trend": trends.get(api.slug, _trend([]))} for api in apis],
        "box": {"width": WIDTH, "height": HEIGHT},
    }
    return render(request, "governance/team_scorecard.html", context)


def _trend(versions: list[dict]) -> dict[str, Any]:
    """An API's versions (oldest first) with the points of its score line, and the change
    from the previous scored version to the latest."""
    scored = [row for row in versions if row["score"] is not None]
    step = (WIDTH - 2 * PAD) / max(len(versions) - 1, 1)
    points = []
    for index, row in enumerate(versions):
        if row["score"] is None:
            continue
        x = PAD + index * step if len(versions) > 1 else WIDTH / 2
        y = PAD + (100 - row["score"]) * (HEIGHT - 2 * PAD) / 100
        points.append({"x": round(x, 1), "y": round(y, 1), "row": row})
    change = scored[-1]["score"] - scored[-2]["score"] if len(scored) > 1 else None
    return {
        "versions": versions,
        "points": points,
        "polyline": " ".join(f"{point['x']},{point['y']}" for point in points),
        "change": change,
        "change_size": abs(change) if change is not None else None,
        "summary": ", ".join(f"{row['version']}: {row['score']}" for row in scored),
    }
