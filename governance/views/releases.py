"""Release pages: the approvals inbox, a release's review page and its actions, an API's
release history, and a version's release section; changelogs as Markdown and Atom."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from accounts.access import can_read_catalog, principal_of
from catalog import selectors as catalog_selectors
from catalog.markdown import markdown_to_html
from catalog.models import SpecDocument
from catalog.views.access import api_editor, catalog_reader, to_login
from catalog.views.common import wants_partial
from governance import selectors_releases as selectors
from governance import services
from governance.filtersets_releases import ReleaseFilterSet
from governance.models import Release

ACTIONS = ("approve", "reject", "request_changes", "withdraw", "comment", "accept_change")


def reviewer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Governance reviewers and admins, signed in; anonymous visitors are sent to sign in."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return to_login(request)
        if not principal_of(request).is_reviewer:
            raise PermissionDenied("Only governance reviewers review releases.")
        return view(request, *args, **kwargs)

    return wrapper


def _inbox_context(request: HttpRequest) -> dict:
    filters = ReleaseFilterSet(request.GET, queryset=selectors.approvals_inbox(request.user))
    return {
        "filters": filters,
        "releases": list(filters.qs),
        "counts": selectors.inbox_counts(request.user),
        "now": timezone.now(),
    }


@require_GET
@reviewer_required
@vary_on_headers("HX-Request")
def approvals_inbox(request: HttpRequest) -> HttpResponse:
    """What waits for review, longest first, with how long and for whom."""
    template = "governance/approvals_inbox.html"
    if wants_partial(request, "inbox"):
        template += "#inbox"
    return render(request, template, _inbox_context(request))


@require_GET
def approvals_count(request: HttpRequest) -> HttpResponse:
    """The navigation's count of releases waiting for the signed-in reviewer (loaded by htmx,
    so pages pay no query for it); empty for anyone else."""
    counts = None
    if request.user.is_authenticated and principal_of(request).is_reviewer:
        counts = selectors.inbox_counts(request.user)
    return render(request, "governance/approvals_inbox.html#nav-count", {"counts": counts})


def _release_or_404(pk: int) -> Release:
    release = selectors.release_page(pk)
    if release is None:
        raise Http404("There is no such release.")
    return release


@require_GET
@catalog_reader
def release_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page: checks, breaking changes by operation (linked to both documents),
    the changelog preview, accepted changes, the discussion and the actions."""
    release = _release_or_404(pk)
    principal = principal_of(request)
    actor = principal.actor
    context = {
        "release": release,
        "version": release.version,
        "api": release.version.api,
        "groups": selectors.grouped_changes(release),
        "impact": selectors.release_impact(release),
        "reviews": selectors.release_reviews(release),
        "allowed": services.allowed_actions(release),
        "review_refusal": services.review_refusal(actor, release),
        "can_manage": principal.can_edit_team_apis(release.version.api.team_id),
        "is_person": principal.token is None and principal.person is not None,
    }
    return render(request, "governance/release_detail.html", context)


@require_POST
def release_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One action on a release, from its review page or (htmx) from the inbox."""
    if not request.user.is_authenticated:
        return to_login(request)
    if action not in ACTIONS:
        raise Http404("There is no such action.")
    release = _release_or_404(pk)
    principal = principal_of(request)
    if action == "withdraw" and not principal.can_edit_team_apis(release.version.api.team_id):
        raise PermissionDenied("Only the owning team withdraws its release.")
    if action == "comment" and not (
        principal.is_reviewer or principal.can_edit_team_apis(release.version.api.team_id)
    ):
        raise PermissionDenied("Reviewers and the owning team discuss a release.")
    try:
        _call(action, principal.actor, release, request.POST)
    except (services.ReleaseConflict, ValidationError) as exc:
        error = exc.message if isinstance(exc, services.ReleaseConflict) else " ".join(exc.messages)
        return _answer(request, release, error=error)
    return _answer(request, release)


def _call(action: str, actor, release: Release, data) -> None:
    """The service of an action; PermissionDenied from the services becomes a 403 page."""
    comment = data.get("comment", "")
    if action == "approve":
        services.release_approve(
            actor=actor, release=release, sha256=data.get("sha256", ""), comment=comment
        )
    elif action == "reject":
        services.release_reject(actor=actor, release=release, comment=comment)
    elif action == "request_changes":
        services.release_request_changes(actor=actor, release=release, comment=comment)
    elif action == "withdraw":
        services.release_withdraw(actor=actor, release=release, comment=comment)
    elif action == "comment":
        services.release_comment(actor=actor, release=release, body=comment)
    else:
        services.release_accept_change(
            actor=actor,
            release=release,
            change_id=data.get("change_id", ""),
            operation=data.get("operation", ""),
            reason=data.get("reason", ""),
        )


def _answer(request: HttpRequest, release: Release, *, error: str = "") -> HttpResponse:
    """htmx from the inbox: the release's row again, with the counts swapped out of band.
    Otherwise back to the review page, with the outcome as a message."""
    if wants_partial(request, f"release-{release.pk}"):
        context = _inbox_context(request) | {
            "release": selectors.with_reviewer_marks(selectors.releases(), request.user).get(
                pk=release.pk
            ),
            "error": error,
            "oob": True,
        }
        return render(request, "governance/approvals_inbox.html#row", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, "Done.")
    return redirect(release)


@require_POST
@api_editor
def version_submit(request: HttpRequest, api, version: str) -> HttpResponse:
    """Submits a version for release from its page."""
    found = catalog_selectors.version_page(api.slug, version)
    if found is None:
        raise Http404("There is no such version.")
    try:
        release = services.release_submit(actor=principal_of(request).actor, version=found)
    except (services.ReleaseConflict, ValidationError) as exc:
        messages.error(request, getattr(exc, "message", None) or " ".join(exc.messages))
        return redirect(found)
    messages.success(request, "Submitted: the portal is checking the release.")
    return redirect(release)


@require_GET
@catalog_reader
@vary_on_headers("HX-Request")
def version_release_section(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    """A version's release state and changelog, loaded into the version page by htmx."""
    found = catalog_selectors.version_page(slug, version)
    if found is None:
        raise Http404("There is no such version.")
    context = {
        "version": found,
        "api": found.api,
        "release": selectors.version_latest_release(found),
        "changelog": selectors.version_changelog(found),
        "can_submit": principal_of(request).can_edit_team_apis(found.api.team_id)
        and found.lifecycle in ("draft", "in_review"),
    }
    return render(request, "governance/release_section.html", context)


@require_GET
@catalog_reader
def release_history(request: HttpRequest, slug: str) -> HttpResponse:
    api = catalog_selectors.api_page(slug)
    if api is None:
        raise Http404("There is no such API.")
    filters = ReleaseFilterSet(request.GET, queryset=selectors.api_releases(api))
    context = {"api": api, "filters": filters, "releases": filters.qs[:200]}
    return render(request, "governance/release_history.html", context)


@require_GET
@catalog_reader
def version_changelog(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    """A version's changelog as Markdown (text/markdown), from its newest checked release."""
    found = catalog_selectors.version_page(slug, version)
    release = selectors.version_changelog(found) if found else None
    if release is None or not release.changelog:
        raise Http404("This version has no changelog yet: it was never submitted for release.")
    return HttpResponse(release.changelog, content_type="text/markdown; charset=utf-8")


@require_GET
@catalog_reader
def release_source(request: HttpRequest, pk: int) -> HttpResponse:
    """The lines around a change in both documents, side by side (?base=N&revision=M)."""
    release = _release_or_404(pk)
    sides = []
    for name, spec_id, label in (
        ("base", release.base.spec_id if release.base else None, "base"),
        ("revision", release.spec_id, "revision"),
    ):
        line = _line(request.GET.get(name))
        content = SpecDocument.objects.filter(pk=spec_id).values_list("content", flat=True)
        window = selectors.source_window(bytes(content[0]), line) if content and line else []
        sides.append({"name": label, "line": line, "lines": window})
    context = {"release": release, "sides": sides, "pointer": request.GET.get("pointer", "")}
    return render(request, "governance/release_source.html", context)


def _line(value: str | None) -> int | None:
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    return int(value) if value and value.isdecimal() and 0 < int(value) < 10_000_000 else None


class ReleaseFeed(Feed):
    """An API's released versions with their changelogs, as an Atom feed."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        if not can_read_catalog(request.user):
            return to_login(request)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug: str):
        api = catalog_selectors.api_page(slug)
        if api is None:
            raise Http404("There is no such API.")
        return api

    def title(self, api) -> str:
        return f"{api.name} releases"

    def subtitle(self, api) -> str:
        return f"Released versions of {api.name} and what changed in each."

    def link(self, api) -> str:
        return reverse("governance:release-history", args=[api.slug])

    def items(self, api):
        return selectors.released_with_changelogs(api)

    def item_title(self, release: Release) -> str:
        return f"{release.version.api.name} {release.version.version}"

    def item_description(self, release: Release) -> str:
        return markdown_to_html(release.changelog or "No changelog.")

    def item_link(self, release: Release) -> str:
        return release.version.get_absolute_url()

    def item_guid(self, release: Release) -> str:
        return f"release-{release.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, release: Release):
        return release.decided_at

    def item_updateddate(self, release: Release):
        return release.decided_at


release_feed = ReleaseFeed()
