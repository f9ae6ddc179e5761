"""The structural difference of two schemas, as a tree the rule families read.

A :class:`SchemaDiff` holds the keywords whose values differ (``values``), the schemas nested
under single-schema keywords (``single``: ``items``, ``not``, ``if``...), the name-to-schema
maps (``maps``: ``properties``, ``patternProperties``...) split into added, deleted and
modified names, and the schema lists (``lists``: ``allOf``, ``anyOf``, ``oneOf``,
``prefixItems``) whose members were matched across the two sides. An unchanged pair of schemas
has no SchemaDiff at all (None).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["MISSING", "ListDiff", "MapDiff", "SchemaDiff", "Subschema"]

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()


@dataclass(frozen=True, slots=True)
class Subschema:
    """A member of an ``allOf``/``anyOf``/``oneOf``/``prefixItems`` list, named as oasdiff does."""

    index: int
    ref: str | None
    title: str | None

    def __str__(self) -> str:
        if self.title:
            return f"subschema #{self.index + 1}: {self.title}"
        if self.ref:
            return "#/components/schemas/" + self.ref.rsplit("/", 1)[-1]
        return f"subschema #{self.index + 1}"


@dataclass(slots=True)
class ListDiff:
    """Matched members of a schema list: added, deleted, and modified pairs with their diff."""

    added: list[Subschema] = field(default_factory=list)
    deleted: list[Subschema] = field(default_factory=list)
    modified: list[tuple[Subschema, Subschema, SchemaDiff]] = field(default_factory=list)


@dataclass(slots=True)
class MapDiff:
    """Names of a schema map: added and deleted names (with their resolved schema), modified
    names with their diff."""

    added: dict[str, dict[str, Any]] = field(default_factory=dict)
    deleted: dict[str, dict[str, Any]] = field(default_factory=dict)
    modified: dict[str, SchemaDiff] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class SchemaDiff:
    """What differs between two schemas; ``base``/``revision`` are {} when a side is absent."""

    base: dict[str, Any]
    revision: dict[str, Any]
    base_pointer: str
    revision_pointer: str
    added: bool = False  # no schema in the base
    deleted: bool = False  # no schema in the revision
    circular: bool = False  # one side loops back where the other does not
    values: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    single: dict[str, SchemaDiff] = field(default_factory=dict)
    lists: dict[str, ListDiff] = field(default_factory=dict)
    maps: dict[str, MapDiff] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.deleted
            or self.circular
            or self.values
            or self.single
            or self.lists
            or self.maps
        )

    def changed(self, keyword: str) -> tuple[Any, Any] | None:
        """(base value, revision value) of a keyword that differs, MISSING for an absent one."""
        return self.values.get(keyword)
