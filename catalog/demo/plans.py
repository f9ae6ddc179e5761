"""The shapes the demo catalog is written in: compact plans that the generator expands.

A plan says what an API serves (resources with fields in a small notation, see
catalog.demo.fields) and which versions exist, with dates in days relative to the
day the demo is loaded. Resources and fields carry the version they appear in,
are deprecated in or are removed in, so versions of one API differ as real ones do.
"""

from dataclasses import dataclass, field

from catalog.models import Audience, Lifecycle


def minor_of(version: str) -> tuple[int, int]:
    """(major, minor) of "1.4.2" or "1.4"; what `since`, `deprecated` and `removed` compare."""
    major, minor, *_ = version.split("-")[0].split(".")
    return int(major), int(minor)


@dataclass(frozen=True)
class Resource:
    """A collection with CRUD operations at /{path} and /{path}/{id}, plus POST actions."""

    name: str  # the schema name, singular: "Payment"
    path: str  # "payments"
    fields: str  # catalog.demo.fields notation
    about: str  # the tag's description
    actions: tuple[str, ...] = ()  # "capture", or "refund@1.2" for one added in 1.2
    read_only: bool = False  # list and get only
    since: str = "0.0"
    deprecated: str | None = None  # operations marked deprecated from this version
    removed: str | None = None  # gone from this version (a major release)

    def present_in(self, version: str) -> bool:
        at = minor_of(version)
        return at >= minor_of(self.since) and (self.removed is None or at < minor_of(self.removed))

    def deprecated_in(self, version: str) -> bool:
        return self.deprecated is not None and minor_of(version) >= minor_of(self.deprecated)


HABITS = {
    "terse-actions": "action operations without a description (operation-description)",
    "json-errors": "error responses as application/json, not problem+json "
    "(portal-error-response-problem-json)",
}


@dataclass(frozen=True)
class Lapse:
    """A habit against the style guide that an API kept for a while, so that the demo's lint
    findings, scores and trends show what they are for; old Swagger 2.0 versions lapse too
    (catalog.demo.swagger)."""

    habit: str  # a key of HABITS
    since: str = "0.0"
    fixed: str | None = None  # the version that stopped it; None: still there

    def __post_init__(self) -> None:
        if self.habit not in HABITS:
            raise ValueError(f"Unknown habit {self.habit!r}; one of {', '.join(HABITS)}.")

    def present_in(self, version: str) -> bool:
        at = minor_of(version)
        return at >= minor_of(self.since) and (self.fixed is None or at < minor_of(self.fixed))


@dataclass(frozen=True)
class VersionPlan:
    """One version; days are counted back from (or, for a sunset, forward from) today."""

    version: str
    lifecycle: Lifecycle
    released_days_ago: int | None = None
    deprecated_days_ago: int | None = None
    sunset_in_days: int | None = None  # negative: the sunset has passed
    spec: bool = True
    swagger: bool = False  # documented in Swagger 2.0, as older versions often are
    notes: str = ""


def draft(version: str, *, spec: bool = True, notes: str = "") -> VersionPlan:
    return VersionPlan(version, Lifecycle.DRAFT, spec=spec, notes=notes)


def in_review(version: str, *, notes: str = "") -> VersionPlan:
    return VersionPlan(version, Lifecycle.IN_REVIEW, notes=notes)


def released(version: str, *, days_ago: int, swagger: bool = False, notes: str = "") -> VersionPlan:
    return VersionPlan(
        version, Lifecycle.RELEASED, released_days_ago=days_ago, swagger=swagger, notes=notes
    )


def deprecated(
    version: str,
    *,
    released: int,
    deprecated: int,
    sunset_in: int | None,
    swagger: bool = False,
    notes: str = "",
) -> VersionPlan:
    return VersionPlan(
        version,
        Lifecycle.DEPRECATED,
        released_days_ago=released,
        deprecated_days_ago=deprecated,
        sunset_in_days=sunset_in,
        swagger=swagger,
        notes=notes,
    )


def retired(
    version: str,
    *,
    released: int,
    deprecated: int,
    sunset_ago: int,
    spec: bool = True,
    swagger: bool = False,
) -> VersionPlan:
    return VersionPlan(
        version,
        Lifecycle.RETIRED,
        released_days_ago=released,
        deprecated_days_ago=deprecated,
        sunset_in_days=-sunset_ago,
        spec=spec,
        swagger=swagger,
    )


@dataclass(frozen=True)
class TeamPlan:
    slug: str
    name: str
    description: str
    cost_centre: str

    @property
    def email(self) -> str:
        return f"{self.slug}@example.com"

    @property
    def chat_channel(self) -> str:
        return f"#{self.slug}-api"


@dataclass(frozen=True)
class ApiPlan:
    """An API of the demo catalog and everything needed to write its specs."""

    slug: str
    name: str
    team: str  # a TeamPlan slug
    summary: str
    intro: str  # the first paragraph of the Markdown description
    audience: Audience
    tags: tuple[str, ...]
    tier: str
    handles_pii: bool
    resources: tuple[Resource, ...]
    versions: tuple[VersionPlan, ...]
    schemas: dict[str, str] = field(default_factory=dict)  # embedded types: name -> fields
    openapi: str = "3.0"  # or "3.1"
    syntax: str = "yaml"  # or "json"
    lapses: tuple[Lapse, ...] = ()

    def lapsed(self, habit: str, version: str) -> bool:
        return any(lapse.habit == habit and lapse.present_in(version) for lapse in self.lapses)

    @property
    def repository_url(self) -> str:
        return f"https://git.example.com/{self.team}/{self.slug}"

    @property
    def docs_url(self) -> str:
        return f"https://docs.example.com/apis/{self.slug}"

    @property
    def runbook_url(self) -> str:
        return f"https://runbooks.example.com/{self.team}/{self.slug}"
