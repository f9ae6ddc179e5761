"""Functions that read releases for pages and the API. No writes here."""

from collections import OrderedDict

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.dateparse import parse_datetime

from catalog.models import Api, Version
from governance.models import Release, ReleaseReview, ReleaseState


def _approvals_of_current_spec() -> Subquery:
    approvals = (
        ReleaseReview.objects.filter(
            release=OuterRef("pk"), kind=ReleaseReview.Kind.APPROVE, sha256=OuterRef("sha256")
        )
        .order_by()
        .values("release")
        .annotate(count=Count("author", distinct=True))
        .values("count")
    )
    return Coalesce(Subquery(approvals, output_field=IntegerField()), Value(0))


def releases() -> QuerySet[Release]:
    """Releases with their version, API and team, and the approvals of their current spec."""
    return Release.objects.select_related("version__api__team", "base").annotate(
        approvals=_approvals_of_current_spec()
    )


def with_reviewer_marks(queryset: QuerySet[Release], user) -> QuerySet[Release]:
    """Each release marked `mine` when `user` submitted it and `approved_by_me` when they
    approved its current spec."""
    mine = ReleaseReview.objects.filter(
        release=OuterRef("pk"),
        kind=ReleaseReview.Kind.APPROVE,
        sha256=OuterRef("sha256"),
        author=user,
    )
    return queryset.annotate(approved_by_me=Exists(mine), mine=Q(submitted_by=user))


def approvals_inbox(user) -> QuerySet[Release]:
    """Releases in review, longest waiting first, with what `user` did about them."""
    in_review = releases().filter(state=ReleaseState.IN_REVIEW)
    return with_reviewer_marks(in_review, user).order_by("review_started_at", "pk")


def inbox_counts(user) -> dict[str, int]:
    """How many releases are in review, and how many of those wait for `user` (not theirs,
    not yet approved by them)."""
    inbox = approvals_inbox(user)
    return inbox.aggregate(
        waiting=Count("pk"),
        for_me=Count("pk", filter=Q(approved_by_me=False) & ~Q(submitted_by=user)),
    )


def release_page(pk: int) -> Release | None:
    return (
        releases()
        .select_related("submitted_by")
        .prefetch_related("accepted_changes")
        .filter(pk=pk)
        .first()
    )


def release_reviews(release: Release) -> QuerySet[ReleaseReview]:
    return release.reviews.order_by("created_at", "id")


def api_releases(api: Api) -> QuerySet[Release]:
    """An API's releases, newest first: its release history."""
    return releases().filter(version__api=api).order_by("-submitted_at", "-pk")


def version_latest_release(version: Version) -> Release | None:
    """The newest release of a version: the one CI polls and the version page shows."""
    return releases().filter(version=version).order_by("-submitted_at", "-pk").first()


def version_changelog(version: Version) -> Release | None:
    """The release whose changelog a version shows: its newest checked release."""
    checked = releases().filter(version=version, checked_at__isnull=False)
    return checked.order_by("-submitted_at", "-pk").first()


def released_with_changelogs(api: Api, limit: int = 50) -> QuerySet[Release]:
    """An API's released releases, newest first (its Atom feed)."""
    released = api_releases(api).filter(state=ReleaseState.RELEASED)
    return released.order_by("-decided_at", "-pk")[:limit]


def grouped_changes(release: Release) -> "OrderedDict[str, list[dict]]":
    """The release's diff changes grouped by operation."""
    return changes_by_operation((release.checks or {}).get("diff", {}).get("changes", []))


def changes_by_operation(changes: list[dict]) -> "OrderedDict[str, list[dict]]":
    """Diff changes (as the release checks store them) grouped by operation, in operation
    order with the document-level ones under "", blocking ones first within each group."""
    groups: OrderedDict[str, list[dict]] = OrderedDict()
    for change in sorted(changes, key=lambda c: (c.get("operation") or "", not c["blocking"])):
        groups.setdefault(change.get("operation") or "", []).append(change)
    return groups


def release_impact(release: Release) -> dict | None:
    """The consumers the release's breaking changes reach, as the checks stored them; None
    when nothing breaks (or the checks predate it)."""
    return impact_for_page((release.checks or {}).get("impact"))


def impact_for_page(impact: dict | None) -> dict | None:
    """An impact as releases_impact computes it (JSON), with `last_seen` as a datetime."""
    if not impact:
        return None
    consumers = [
        {**consumer, "last_seen": parse_datetime(consumer["last_seen"] or "")}
        for consumer in impact["consumers"]
    ]
    return {**impact, "consumers": consumers}


def source_window(content: bytes, line: int | None, context: int = 12) -> list[tuple[int, str]]:
    """The lines around `line` (1-based) of a document, numbered, for the side-by-side view."""
    if not line:
        return []
    lines = content.decode("utf-8", errors="replace").splitlines()
    first, last = max(line - context, 1), min(line + context, len(lines))
    return [(number, lines[number - 1][:500]) for number in range(first, last + 1)]
