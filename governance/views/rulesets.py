"""The governance pages: rulesets (written, revised, compared), where they apply, re-lints."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.access import principal_of
from catalog.forms import add_service_errors
from catalog.views.access import to_login
from catalog.views.common import form_page, wants_partial
from governance import selectors, services
from governance.forms import AssignmentForm, RulesetCreateForm, RulesetSourceForm
from governance.models import Ruleset, RulesetAssignment


def governance_manager(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Admins and governance reviewers only; anonymous visitors are sent to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return to_login(request)
        if not principal_of(request).is_reviewer:
            raise PermissionDenied("Only admins and governance reviewers manage rulesets.")
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@governance_manager
@vary_on_headers("HX-Request")
def ruleset_list(request: HttpRequest) -> HttpResponse:
    batches = list(selectors.relint_batches()[:10])
    context = {
        "rulesets": selectors.rulesets_with_latest(),
        "assignments": RulesetAssignment.objects.select_related("ruleset", "team"),
        "batches": batches,
        "relinting": any(batch.finished_at is None for batch in batches),
        "assign_form": AssignmentForm(),
        "recommended_adopted": RulesetAssignment.objects.filter(
            scope="organisation", ruleset__slug="portal-recommended"
        ).exists(),
    }
    template = "governance/ruleset_list.html"
    if wants_partial(request, "relints"):
        template += "#relints"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@governance_manager
def ruleset_create(request: HttpRequest) -> HttpResponse:
    form = RulesetCreateForm(request.POST or None, request.FILES or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            ruleset = services.ruleset_create(
                actor=principal_of(request).actor,
                **{key: data[key] for key in ("name", "slug", "description", "source", "note")},
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{ruleset.name} is saved as revision 1.")
            return redirect(ruleset)
    return form_page(
        request,
        form=form,
        title="New ruleset",
        submit="Check and save",
        back_url=reverse("governance:ruleset-list"),
        context={"multipart": True},
    )


def _ruleset(slug: str) -> Ruleset:
    ruleset = selectors.rulesets_with_revisions().filter(slug=slug).first()
    if ruleset is None:
        raise Http404("There is no such ruleset.")
    return ruleset


@require_GET
@governance_manager
def ruleset_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A revision's text (the latest unless ?revision=N) and its diff with an earlier one
    (the one before unless ?compare=N)."""
    ruleset = _ruleset(slug)
    revisions = list(ruleset.revisions.all())
    shown = _pick(revisions, request.GET.get("revision")) or revisions[0]
    older = [revision for revision in revisions if revision.number < shown.number]
    compared = _pick(older, request.GET.get("compare")) or (older[0] if older else None)
    context = {
        "ruleset": ruleset,
        "revisions": revisions,
        "shown": shown,
        "compared": compared,
        "older": older,
        "diff": _diff_lines(compared, shown) if compared else [],
        "assignments": RulesetAssignment.objects.filter(ruleset=ruleset).select_related("team"),
    }
    return render(request, "governance/ruleset_detail.html", context)


def _pick(revisions: list, number: str | None):
    return next((r for r in revisions if number and str(r.number) == number), None)


def _diff_lines(old, new) -> list[tuple[str, str]]:
    """Diff lines with their kind, for <ins>, <del> and context lines."""
    kinds = {"+": "added", "-": "removed", "@": "hunk"}
    lines = selectors.revision_diff(old, new)[2:]  # past the ---/+++ file header
    return [(kinds.get(line[:1], "same"), line) for line in lines]


@require_http_methods(["GET", "POST"])
@governance_manager
def ruleset_revise(request: HttpRequest, slug: str) -> HttpResponse:
    ruleset = _ruleset(slug)
    latest = ruleset.revisions.all()[0]
    form = RulesetSourceForm(
        request.POST or None, request.FILES or None, initial={"source": latest.source}
    )
    if form.is_bound and form.is_valid():
        try:
            revision = services.ruleset_revise(
                actor=principal_of(request).actor,
                ruleset=ruleset,
                source=form.cleaned_data["source"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"Revision {revision.number} is saved; the APIs it governs are being re-linted.",
            )
            return redirect(ruleset)
    return form_page(
        request,
        form=form,
        title=f"Revise {ruleset.name}",
        submit="Check and save",
        back_url=ruleset.get_absolute_url(),
        context={"multipart": True},
    )


@require_POST
@governance_manager
def ruleset_adopt(request: HttpRequest) -> HttpResponse:
    """Adopts the portal's recommended ruleset as the organisation default."""
    try:
        ruleset = services.ruleset_adopt_recommended(actor=principal_of(request).actor)
    except ValidationError as error:  # the engine does not have it (an incomplete install)
        messages.error(request, "The recommended ruleset cannot be adopted: " + _text(error))
        return redirect("governance:ruleset-list")
    messages.success(request, f"{ruleset.name} is now the organisation default.")
    return redirect(ruleset)


def _text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require_POST
@governance_manager
def assignment_set(request: HttpRequest) -> HttpResponse:
    form = AssignmentForm(request.POST)
    if form.is_valid():
        try:
            services.ruleset_assign(
                actor=principal_of(request).actor,
                ruleset=form.cleaned_data["ruleset"],
                **form.service_scope(),
            )
        except ValidationError as error:
            messages.error(request, _text(error))
        else:
            messages.success(request, "The assignment is saved; affected APIs are re-linted.")
    else:
        errors = [message for messages_ in form.errors.values() for message in messages_]
        messages.error(request, "The assignment was not saved: " + " ".join(errors))
    return redirect("governance:ruleset-list")
