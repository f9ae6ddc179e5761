"""Functions that read the catalog for pages and the API. No writes here."""

from collections import OrderedDict

from django.db.models import Avg, Count, Prefetch, Q, QuerySet

# Re-exported: the list's facet counts live in their own module.
from catalog.facets import api_facets as api_facets
from catalog.models import (
    Api,
    AuditEvent,
    Lifecycle,
    LintStatus,
    Membership,
    MetadataField,
    Operation,
    SpecDocument,
    Team,
    Version,
)


def api_list() -> QuerySet[Api]:
    """APIs for lists: the owner team joined, the heavy columns left behind."""
    return Api.objects.select_related("team").defer(
        "description", "search_extra", "search_vector", "metadata"
    )


def spec_documents() -> QuerySet[SpecDocument]:
    """Spec documents without their bytes, which can weigh 25 MB each."""
    return SpecDocument.objects.defer("content")


def api_versions(api: Api) -> QuerySet[Version]:
    """An API's versions, newest first, with their specs (without the bytes)."""
    return (
        Version.objects.filter(api=api)
        .select_related("successor")
        .prefetch_related(Prefetch("spec", queryset=spec_documents()))
    )


def version_operations_by_tag(version: Version) -> "OrderedDict[str, list[Operation]]":
    """The operations of a version's spec grouped by their first tag, in document order."""
    groups: OrderedDict[str, list[Operation]] = OrderedDict()
    if not version.spec_id:
        return groups
    for operation in Operation.objects.filter(spec_id=version.spec_id).order_by("position"):
        groups.setdefault(operation.tags[0] if operation.tags else "Other", []).append(operation)
    return groups


def teams_with_counts() -> QuerySet[Team]:
    """Teams with their number of APIs, the mean lint score of those that have one (as the
    team's scorecard has it) and how many have lint errors; one query."""
    return Team.objects.annotate(
        api_count=Count("apis", distinct=True),
        lint_score=Avg("apis__lint_score"),
        apis_with_errors=Count(
            "apis", filter=Q(apis__lint_status=LintStatus.ERRORS), distinct=True
        ),
    ).order_by("name")


def apis_of_user(user) -> QuerySet[Api]:
    return api_list().filter(team__memberships__user=user).order_by("team__name", "name")


def api_page(slug: str) -> Api | None:
    """One API with its team, for its page; None if there is no such API."""
    return Api.objects.select_related("team").filter(slug=slug).first()


def version_default(versions: list[Version], wanted: str | None = None) -> Version | None:
    """The version named `wanted` if there is one, else the version a reader most likely
    wants: the newest released one, else the newest."""
    named = (v for v in versions if wanted and v.version == wanted)
    released = (v for v in versions if v.lifecycle == Lifecycle.RELEASED)
    return next(named, None) or next(released, versions[0] if versions else None)


def version_page(slug: str, version: str) -> Version | None:
    """One version with its API, team, successor and spec (without the bytes)."""
    return (
        Version.objects.select_related("api__team", "successor")
        .prefetch_related(Prefetch("spec", queryset=spec_documents()))
        .filter(api__slug=slug, version=version)
        .first()
    )


def version_spec_content(slug: str, version: str) -> SpecDocument | None:
    """The spec document of a version, bytes included, for download."""
    return (
        SpecDocument.objects.filter(versions__api__slug=slug, versions__version=version)
        .only("content", "syntax", "filename", "sha256")
        .first()
    )


def api_metadata(api: Api) -> list[tuple[MetadataField, object]]:
    """The admin-defined metadata fields that have a value on this API, in field order."""
    return [
        (field, api.metadata[field.key])
        for field in MetadataField.objects.all()
        if api.metadata.get(field.key) not in (None, "")
    ]


def activity_visible_to(principal) -> QuerySet[AuditEvent]:
    """The audit trail as `principal` (accounts.access.Principal) may read it."""
    if principal.reads_all_activity:
        return activity(everything=True)
    return activity(everything=False, person=principal.person, team_ids=principal.team_ids)


def activity(
    *, everything: bool, person=None, team_ids: frozenset[int] = frozenset()
) -> QuerySet[AuditEvent]:
    """The audit trail, newest first: every event, or (``everything=False``) the changes to
    APIs, which anyone who reads the catalog sees on the API pages, those concerning the
    teams of `team_ids` (their tokens, members, consumers, channels), and `person`'s own."""
    events = AuditEvent.objects.select_related("api", "target_type").order_by("-id")
    if everything:
        return events
    visible = Q(api__isnull=False) | Q(team_id__in=team_ids)
    if person is not None:
        visible |= Q(actor=person)
    return events.filter(visible)


def api_recent_changes(api: Api, limit: int = 10) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(api=api).only(
        "actor_label", "action", "target_label", "created_at", "api_id"
    )[:limit]


def team_page(slug: str) -> Team | None:
    """A team with its memberships and their users, for its page."""
    memberships = Membership.objects.select_related("user").order_by(
        "-role", "user__username"
    )  # owners first
    return (
        Team.objects.prefetch_related(Prefetch("memberships", queryset=memberships))
        .filter(slug=slug)
        .first()
    )


def spec_operation_count(spec_id: int) -> int:
    return Operation.objects.filter(spec_id=spec_id).count()


def version_operation_outline(version: Version) -> "OrderedDict[str, list[Operation]]":
    """As version_operations_by_tag, without each operation's detail and description:
    the table of contents of a large spec."""
    groups: OrderedDict[str, list[Operation]] = OrderedDict()
    operations = (
        Operation.objects.filter(spec_id=version.spec_id)
        .defer("detail", "description")
        .order_by("position")
    )
    for operation in operations:
        groups.setdefault(operation.tags[0] if operation.tags else "Other", []).append(operation)
    return groups


def version_operation(version: Version, position: int) -> Operation | None:
    return Operation.objects.filter(spec_id=version.spec_id, position=position).first()
