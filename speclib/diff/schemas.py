"""Comparison of two JSON Schemas (OpenAPI 3.0 and 3.1 dialects) at one place of an operation.

The differ's frame finds the schemas (a parameter's, a request body media type's, a response
media type's, a response header's) and calls :func:`schema_changes` for each pair; this module
says what changed inside, under oasdiff's rule ids. Where the schema sits (:class:`SchemaSite`)
decides the id prefix and which way is breaking: a request that accepts less breaks clients
that send what it used to accept; a response that returns more breaks clients that parse it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from .model import Change, Location
from .schema_composition import composition_changes, discriminator_changes
from .schema_constraints import bound_changes, pattern_changes
from .schema_diff import Differ
from .schema_keywords import keyword_changes
from .schema_lifecycle import lifecycle_changes
from .schema_properties import property_changes
from .schema_report import Reporter
from .schema_types import nullability_changes, type_changes
from .schema_values import default_changes, enum_changes

__all__ = ["SchemaContext", "SchemaSite", "SiteKind", "schema_changes"]

SiteKind = Literal["parameter", "request-body", "response-body", "response-header"]
Side = Literal["base", "revision"]


@dataclass(frozen=True, slots=True)
class SchemaSite:
    """Where a compared schema sits in the operation.

    ``base_pointer``/``revision_pointer`` are the JSON pointers of the schema in each document
    as written (before ``$ref`` resolution), used for the changes' locations. The other fields
    name the place the way the messages do: a parameter's ``location`` ("query", "path",
    "header", "cookie") and ``name``; a body's ``media_type``; a response's ``status``; a
    response header's ``name``. For a parameter, ``required`` says it is required on either
    side (its default then never applies, so default changes are not reported), and
    ``style``/``explode`` its serialization when declared (None: the location's default).
    """

    kind: SiteKind
    base_pointer: str = ""
    revision_pointer: str = ""
    location: str | None = None
    name: str | None = None
    media_type: str | None = None
    status: str | None = None
    required: bool = False
    style: str | None = None
    explode: bool | None = None

    @property
    def is_request(self) -> bool:
        """Whether clients send this value (narrowing breaks) rather than read it."""
        return self.kind in ("parameter", "request-body")

    @property
    def form_exploded(self) -> bool:
        """Whether a parameter is sent as ``form`` with ``explode`` (repeated ``name=value``)."""
        default_style = "form" if self.location in ("query", "cookie") else "simple"
        style = self.style or default_style
        explode = self.explode if self.explode is not None else style == "form"
        return self.kind == "parameter" and style == "form" and explode


@dataclass(slots=True)
class SchemaContext:
    """What a comparison needs besides the two schemas.

    ``operation`` labels the changes ("GET /pets/{id}"); ``options`` is the run's
    ``DiffOptions`` (``flatten_allof`` is read here); ``base_doc``/``revision_doc`` are the
    two documents, whose local ``$ref``s are followed when a schema still holds one;
    ``locate`` turns (side, pointer) into a Location with the source line when the frame
    knows it. ``stability`` is the operation's ``x-stability-level`` (revision side), which
    decides the notice a deprecated property must give. ``max_depth`` bounds the nesting
    walked, whatever the documents say.
    """

    operation: str | None = None
    options: Any = None
    base_doc: Any = None
    revision_doc: Any = None
    base_name: str = "base"
    revision_name: str = "revision"
    locate: Callable[[Side, str], Location] | None = None
    stability: str = ""  # the operation's x-stability-level: the notice deprecations owe
    max_depth: int = 64
    _differ: Differ | None = field(default=None, repr=False)

    def location(self, side: Side, pointer: str) -> Location:
        """The Location of ``pointer`` in one document."""
        if self.locate is not None:
            return self.locate(side, pointer)
        return Location(self.base_name if side == "base" else self.revision_name, pointer)

    @property
    def differ(self) -> Differ:
        """The tree builder of this document pair (its cache serves every site of the pair)."""
        if self._differ is None:
            flatten = bool(getattr(self.options, "flatten_allof", False))
            self._differ = Differ(
                self.base_doc, self.revision_doc, flatten=flatten, max_depth=self.max_depth
            )
        return self._differ


# Each family yields the changes of one concern; None stands for "no rule for this site".
_FAMILIES = (
    type_changes,
    nullability_changes,
    bound_changes,
    pattern_changes,
    enum_changes,
    default_changes,
    keyword_changes,
    composition_changes,
    discriminator_changes,
    property_changes,
    lifecycle_changes,
)


def schema_changes(
    ctx: SchemaContext, base: object, revision: object, *, site: SchemaSite
) -> Iterator[Change]:
    """The changes from schema ``base`` to schema ``revision`` at ``site``.

    Either schema may be None (absent) or a boolean schema. Local ``$ref``s still present are
    followed in ctx's documents; cycles end (a pair of schemas already being compared under
    the same pair of named schemas is not entered again). Yields changes in document order; the
    frame sorts and filters them. A schema added or removed as a whole is the frame's to
    report (``*-media-type-schema-added`` and the like), not this function's.
    """
    diff = ctx.differ.compare(base, revision, site.base_pointer, site.revision_pointer)
    if diff is None or diff.added or diff.deleted:
        return
    reporter = Reporter(ctx, site)
    for family in _FAMILIES:
        for change in family(reporter, diff):
            if change is not None:
                yield change
