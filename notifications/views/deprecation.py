"""Deprecating a version under the notice policy, the policy itself, and the public
migration note that the Link header points callers to."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import principal_of
from catalog.forms import add_service_errors
from catalog.services.versions import version_deprecate
from catalog.views.access import api_editor, to_login
from catalog.views.common import form_page
from notifications.forms import DeprecateForm, PolicyForm
from notifications.headers import gateway_snippets, version_headers
from notifications.services.policy import notice_policy, notice_policy_set
from notifications.views.common import version_or_404


@require_http_methods(["GET", "POST"])
@api_editor
def deprecate_page(request: HttpRequest, api, version: str) -> HttpResponse:
    found = version_or_404(api.slug, version)
    principal = principal_of(request)
    data = request.POST if request.method == "POST" else None
    initial = {
        "sunset_on": found.sunset_on,
        "successor": found.successor_id,
        "migration_note": found.migration_note,
    }
    form = DeprecateForm(data, initial=initial, version=found, can_override=principal.is_admin)
    if form.is_bound and form.is_valid():
        try:
            version_deprecate(actor=principal.actor, version=found, **_fields(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{found} is deprecated; its notices are scheduled.")
            return redirect("notifications:sunset-detail", api.slug, found.version)
    minimum = notice_policy()[api.audience]
    form.fields[
        "sunset_on"
    ].help_text = f"{api.get_audience_display()} APIs get at least {minimum} days of notice."
    return form_page(
        request,
        form=form,
        title=f"Deprecate {api.name} {found.version}",
        submit="Deprecate",
        back_url=found.get_absolute_url(),
    )


def _fields(form: DeprecateForm) -> dict:
    data = form.cleaned_data
    fields = {name: data[name] for name in ("sunset_on", "successor", "migration_note")}
    fields["override_reason"] = data.get("override_reason", "")
    return fields


@require_GET
def migration_note(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    """Public, as the Link header sends every caller here (partners without an account
    too), but only for versions that are deprecated or have a sunset date."""
    found = version_or_404(slug, version)
    if not (found.deprecated_on or found.sunset_on) or found.lifecycle == "draft":
        raise Http404("This version is not deprecated.")
    context = {
        "api": found.api,
        "version": found,
        "headers": version_headers(found).items(),
        "snippets": gateway_snippets(found),
    }
    return render(request, "notifications/migration_note.html", context)


@require_http_methods(["GET", "POST"])
def policy_page(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return to_login(request)
    principal = principal_of(request)
    if not principal.is_admin:
        raise PermissionDenied("Only admins set the deprecation policy.")
    current = notice_policy()
    data = request.POST if request.method == "POST" else None
    form = PolicyForm(data, policy=current)
    if form.is_bound and form.is_valid():
        for audience, days in form.cleaned_data.items():
            if days != current[audience]:
                notice_policy_set(actor=principal.actor, audience=audience, minimum_days=days)
        messages.success(request, "The deprecation policy is saved.")
        return redirect("notifications:policy")
    return form_page(
        request,
        form=form,
        title="Deprecation policy",
        submit="Save",
        back_url="/",
    )
