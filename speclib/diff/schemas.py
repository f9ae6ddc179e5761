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
    response header's ``name``.
    """

    kind: SiteKind
    base_pointer: str = ""
    revision_pointer: str = ""
    location: str | None = None
    name: str | None = None
    media_type: str | None = None
    status: str | None = None

    @property
    def is_request(self) -> bool:
        """Whether clients send this value (narrowing breaks) rather than read it."""
        return self.kind in ("parameter", "request-body")


@dataclass(slots=True)
class SchemaContext:
    """What a comparison needs besides the two schemas.

    ``operation`` labels the changes ("GET /pets/{id}"); ``options`` is the run's
    ``DiffOptions`` (``flatten_allof`` is read here); ``base_doc``/``revision_doc`` are the
    two documents, whose local ``$ref``s are followed when a schema still holds one;
    ``locate`` turns (side, pointer) into a Location with the source line when the frame
    knows it. ``max_depth`` bounds the nesting walked, whatever the documents say.
    """

    operation: str | None = None
    options: Any = None
    base_doc: Any = None
    revision_doc: Any = None
    base_name: str = "base"
    revision_name: str = "revision"
    locate: Callable[[Side, str], Location] | None = None
    max_depth: int = 64
    visited: set[tuple[int, int, str]] = field(default_factory=set)

    def location(self, side: Side, pointer: str) -> Location:
        """The Location of ``pointer`` in one document."""
        if self.locate is not None:
            return self.locate(side, pointer)
        return Location(self.base_name if side == "base" else self.revision_name, pointer)


def schema_changes(
    ctx: SchemaContext, base: object, revision: object, *, site: SchemaSite
) -> Iterator[Change]:
    """The changes from schema ``base`` to schema ``revision`` at ``site``.

    Either schema may be None (absent) or a boolean schema. Local ``$ref``s still present are
    followed in ctx's documents; cycles end (a pair of schemas already being compared under
    the same property path is not entered again). Yields changes in document order; the
    frame sorts and filters them.
    """
    yield from ()
