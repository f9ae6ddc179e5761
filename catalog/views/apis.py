"""An API's page, and the forms its team uses to edit it and add versions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import principal_of
from catalog import selectors, services
from catalog.forms import ApiForm, ApiMoveForm, VersionCreateForm, add_service_errors
from catalog.models import Api, MetadataField
from catalog.views.access import api_editor, can_edit, catalog_reader
from catalog.views.common import form_page, spec_section


@require_GET
@catalog_reader
def api_detail(request: HttpRequest, slug: str) -> HttpResponse:
    api = selectors.api_page(slug)
    if api is None:
        raise Http404("There is no such API.")
    versions = list(selectors.api_versions(api))
    editable = can_edit(request, api)
    context = {
        "api": api,
        "versions": versions,
        "metadata": selectors.api_metadata(api),
        "changes": selectors.api_recent_changes(api),
        "can_edit": editable,
        **spec_section(selectors.version_default(versions, request.GET.get("version"))),
    }
    if editable:
        context["version_form"] = VersionCreateForm()
        context["api_form"] = _api_form(api)
        move_form = ApiMoveForm(api=api, team_ids=principal_of(request).team_ids)
        context["move_form"] = move_form if move_form.fields["team"].queryset.exists() else None
    return render(request, "catalog/api_detail.html", context)


def _api_form(api: Api, data=None) -> ApiForm:
    fields = list(MetadataField.objects.all())
    return ApiForm(data, initial=ApiForm.initial_for(api), metadata_fields=fields)


@require_http_methods(["GET", "POST"])
@api_editor
def api_edit(request: HttpRequest, api: Api) -> HttpResponse:
    form = _api_form(api, request.POST if request.method == "POST" else None)
    title = f"Edit {api.name}"  # before a failed update has set a bad name on `api`
    if form.is_bound and form.is_valid():
        try:
            services.api_update(actor=principal_of(request).actor, api=api, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{api.name} is updated.")
            return redirect(api)
    return form_page(
        request, form=form, title=title, submit="Save", back_url=api.get_absolute_url()
    )


@require_http_methods(["GET", "POST"])
@api_editor
def api_move(request: HttpRequest, api: Api) -> HttpResponse:
    """Hands an API to another team the editor also edits (a reorganisation)."""
    principal = principal_of(request)
    form = ApiMoveForm(request.POST or None, api=api, team_ids=principal.team_ids)
    if form.is_bound and form.is_valid():
        team = form.cleaned_data["team"]
        services.api_update(actor=principal.actor, api=api, team=team)
        messages.success(request, f"{api.name} now belongs to {team.name}.")
        return redirect(api)
    return form_page(
        request,
        form=form,
        title=f"Move {api.name} to another team",
        submit="Move",
        back_url=api.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@api_editor
def version_create(request: HttpRequest, api: Api) -> HttpResponse:
    form = VersionCreateForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            version = services.version_create(
                actor=principal_of(request).actor, api=api, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {version.version} of {api.name} is created.")
            return redirect("catalog:version-detail", api.slug, version.version)
    return form_page(
        request,
        form=form,
        title=f"New version of {api.name}",
        submit="Create version",
        back_url=api.get_absolute_url(),
    )
