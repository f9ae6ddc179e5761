"""Teams, their people and APIs, and the APIs of the signed-in person's teams."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from catalog import selectors
from catalog.views.access import catalog_reader


@require_GET
@catalog_reader
def team_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/team_list.html", {"teams": selectors.teams_with_counts()})


@require_GET
@catalog_reader
def team_detail(request: HttpRequest, slug: str) -> HttpResponse:
    team = selectors.team_page(slug)
    if team is None:
        raise Http404("There is no such team.")
    context = {"team": team, "apis": selectors.api_list().filter(team=team)}
    return render(request, "catalog/team_detail.html", context)


@require_GET
@login_required
def my_apis(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/my_apis.html", {"apis": selectors.apis_of_user(request.user)})
