"""A version's page with its documentation and spec status, the forms to change it,
and the download of its original spec document."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from accounts.access import principal_of
from catalog import selectors, services
from catalog.forms import SpecUploadForm, VersionUpdateForm, add_service_errors
from catalog.models import Api, SpecDocument, Version
from catalog.views.access import api_editor, can_edit, catalog_reader
from catalog.views.common import form_page, spec_section, wants_partial

SPEC_REGION = "spec"  # the id of the section that polls while a spec is parsed


def _version_or_404(slug: str, version: str) -> Version:
    found = selectors.version_page(slug, version)
    if found is None:
        raise Http404("There is no such version.")
    return found


@require_GET
@catalog_reader
@vary_on_headers("HX-Request")
def version_detail(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    found = _version_or_404(slug, version)
    context = {"api": found.api, "version": found, **spec_section(found)}
    if wants_partial(request, target=SPEC_REGION):
        return render(request, "catalog/version_detail.html#spec", context)
    context["can_edit"] = can_edit(request, found.api)
    if context["can_edit"]:
        context["upload_form"] = SpecUploadForm()
        context["update_form"] = VersionUpdateForm(version=found)
    context["predecessors"] = found.predecessors.all()
    return render(request, "catalog/version_detail.html", context)


@require_GET
@catalog_reader
@vary_on_headers("HX-Request")
def operation_detail(request: HttpRequest, slug: str, version: str, position: int) -> HttpResponse:
    """One operation of a version's spec: a page of its own, or the body of its <details>
    on a version's documentation when that loads operations as they are opened."""
    found = _version_or_404(slug, version)
    operation = selectors.version_operation(found, position) if found.spec_id else None
    if operation is None:
        raise Http404("There is no such operation.")
    context = {"api": found.api, "version": found, "operation": operation}
    template = "catalog/operation_detail.html"
    if wants_partial(request):
        template += "#body"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@api_editor
def version_edit(request: HttpRequest, api: Api, version: str) -> HttpResponse:
    found = _version_or_404(api.slug, version)
    data = request.POST if request.method == "POST" else None
    form = VersionUpdateForm(data, version=found)
    if form.is_bound and form.is_valid():
        try:
            services.version_update(
                actor=principal_of(request).actor, version=found, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {found.version} is updated.")
            return redirect("catalog:version-detail", api.slug, found.version)
    return form_page(
        request,
        form=form,
        title=f"Change {api.name} {found.version}",
        submit="Save",
        back_url=found.get_absolute_url(),
    )


@require_http_methods(["GET", "POST"])
@api_editor
def version_spec_upload(request: HttpRequest, api: Api, version: str) -> HttpResponse:
    found = _version_or_404(api.slug, version)
    posted = request.method == "POST"
    form = SpecUploadForm(request.POST if posted else None, request.FILES if posted else None)
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.version_attach_spec(
                actor=principal_of(request).actor,
                version=found,
                content=upload.read(),
                filename=upload.name or "",
            )
        except ValidationError as error:
            add_service_errors(form, _as_file_error(error))
        else:
            messages.success(request, "The spec is uploaded; the portal is reading it now.")
            return redirect("catalog:version-detail", api.slug, found.version)
    return form_page(
        request,
        form=form,
        title=f"Upload a spec for {api.name} {found.version}",
        submit="Upload",
        back_url=found.get_absolute_url(),
        context={"multipart": True},
    )


def _as_file_error(error: ValidationError) -> ValidationError:
    """The services name the upload `spec`; the form names it `file`."""
    if hasattr(error, "error_dict") and "spec" in error.error_dict:
        return ValidationError({"file": error.error_dict["spec"]})
    return error


@require_GET
@catalog_reader
def version_spec_download(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    """The uploaded bytes, unchanged, as an attachment."""
    spec = selectors.version_spec_content(slug, version)
    if spec is None:
        raise Http404("This version has no spec.")
    content = bytes(spec.content)
    is_json = spec.syntax == SpecDocument.Syntax.JSON or (
        not spec.syntax and content.lstrip()[:1] in (b"{", b"[")
    )
    extension, media_type = (
        ("json", "application/json") if is_json else ("yaml", "application/yaml")
    )
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{slug}-{version}.{extension}"
    )
    return response
