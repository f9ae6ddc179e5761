"""The sunset cockpit: deprecated versions still in use, and one version's burn-down."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.access import principal_of
from catalog.forms import add_service_errors
from catalog.services.versions import version_retire
from catalog.views.access import api_editor, can_edit, catalog_reader
from catalog.views.common import wants_partial
from notifications import selectors
from notifications.chart import burn_down
from notifications.forms import RetireForm
from notifications.headers import gateway_snippets, version_headers
from notifications.views.common import version_or_404

SUNSETS_PER_PAGE = 50


@require_GET
@catalog_reader
@vary_on_headers("HX-Request")
def sunset_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "sunset")
    sort = sort if sort in selectors.SORTS else "sunset"
    versions = selectors.sunsets_in_use(sort=sort)
    page = Paginator(versions, SUNSETS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = selectors.sunsets_page(list(page.object_list))
    context = {"page": page, "sort": sort, "window": selectors.TRAFFIC_DAYS}
    template = "notifications/sunset_list.html"
    if wants_partial(request, "sunsets"):
        return render(request, template + "#results", context)
    context["candidates"] = selectors.retire_candidates()
    return render(request, template, context)


def _detail(request: HttpRequest, found, *, retire_form=None, status: int = 200) -> HttpResponse:
    cockpit = selectors.version_cockpit(found)
    editable = can_edit(request, found.api)
    context = {
        "api": found.api,
        "version": found,
        "cockpit": cockpit,
        "chart": burn_down(cockpit.daily),
        "headers": version_headers(found).items(),
        "snippets": gateway_snippets(found),
        "can_edit": editable,
        "retire_form": retire_form or (RetireForm() if editable else None),
    }
    return render(request, "notifications/sunset_detail.html", context, status=status)


@require_GET
@catalog_reader
def sunset_detail(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    return _detail(request, version_or_404(slug, version))


@require_POST
@api_editor
def sunset_retire(request: HttpRequest, api, version: str) -> HttpResponse:
    """Retires the version; one still called needs an admin and a reason."""
    found = version_or_404(api.slug, version)
    form = RetireForm(request.POST)
    if form.is_valid():
        try:
            version_retire(
                actor=principal_of(request).actor,
                version=found,
                override_reason=form.cleaned_data["override_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{found} is retired.")
            return redirect(found.get_absolute_url())
    return _detail(request, found, retire_form=form, status=400)
