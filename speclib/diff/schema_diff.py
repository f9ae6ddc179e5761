"""Building the SchemaDiff tree of two schemas, following local refs and ending cycles.

Refs are followed on each side against that side's document. A ref met again while it is
being compared ends the walk there: no difference when both sides loop at the same place, a
``circular`` difference when only one does. Pairs of named schemas are compared once per
document pair (the cache), which keeps large specs, whose components are referenced from
hundreds of operations, fast.
"""

from __future__ import annotations

from typing import Any

from .schema_match import match_members
from .schema_resolve import Resolved, flatten_all_of, is_nullable, resolve, types_of
from .schema_tree import MISSING, MapDiff, SchemaDiff

__all__ = ["Differ"]

SINGLE_KEYWORDS = (
    "items",
    "additionalProperties",
    "not",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "if",
    "then",
    "else",
    "contentSchema",
)
LIST_KEYWORDS = ("allOf", "anyOf", "oneOf", "prefixItems")
MAP_KEYWORDS = ("properties", "patternProperties", "dependentSchemas", "$defs", "definitions")
# Keywords that may hold a boolean instead of a schema: the boolean is compared as a value.
_BOOLEAN_OR_SCHEMA = ("items", "additionalProperties", "unevaluatedItems", "unevaluatedProperties")
_STRUCTURAL = frozenset((*SINGLE_KEYWORDS, *LIST_KEYWORDS, *MAP_KEYWORDS, "type", "nullable"))


class Differ:
    """Builds SchemaDiff trees for one pair of documents; remembers pairs of named schemas."""

    def __init__(self, base_doc: Any, revision_doc: Any, *, flatten: bool, max_depth: int) -> None:
        self.docs = (base_doc, revision_doc)
        self.flatten = flatten
        self.max_depth = max_depth
        self.cache: dict[tuple[str, str], SchemaDiff | None] = {}
        self.stack: tuple[set[str], set[str]] = (set(), set())
        self.depth = 0

    def compare(
        self, base: Any, revision: Any, base_pointer: str, revision_pointer: str
    ) -> SchemaDiff | None:
        """The diff of two raw schemas (as written, $refs allowed), None when they agree."""
        left = resolve(self.docs[0], base, base_pointer)
        right = resolve(self.docs[1], revision, revision_pointer)
        return self.compare_resolved(left, right, base_pointer, revision_pointer)

    def schema(self, side: int, node: Any) -> dict[str, Any]:
        """``node`` of the base (0) or revision (1) document, refs followed ({} if broken)."""
        resolved = resolve(self.docs[side], node, "")
        return resolved.schema if resolved is not None else {}

    def compare_resolved(
        self, left: Resolved | None, right: Resolved | None, base_pointer: str, rev_pointer: str
    ) -> SchemaDiff | None:
        if left is None and right is None:
            return None
        if left is None or right is None:
            return SchemaDiff(
                left.schema if left else {},
                right.schema if right else {},
                left.pointer if left else base_pointer,
                right.pointer if right else rev_pointer,
                added=left is None,
                deleted=right is None,
            )
        key = (left.ref or "", right.ref or "")
        cached = left.named and right.named
        if cached and key in self.cache:
            return self.cache[key]
        in_base = left.ref is not None and left.ref in self.stack[0]
        in_revision = right.ref is not None and right.ref in self.stack[1]
        if in_base or in_revision or self.depth >= self.max_depth:
            if in_base == in_revision:
                return None
            return SchemaDiff(left.schema, right.schema, left.pointer, right.pointer, circular=True)
        self._enter(left.ref, right.ref)
        try:
            result = self._compare(left, right)
        finally:
            self._leave(left.ref, right.ref)
        if cached:
            self.cache[key] = result
        return result

    def _enter(self, base_ref: str | None, revision_ref: str | None) -> None:
        self.depth += 1
        if base_ref:
            self.stack[0].add(base_ref)
        if revision_ref:
            self.stack[1].add(revision_ref)

    def _leave(self, base_ref: str | None, revision_ref: str | None) -> None:
        self.depth -= 1
        if base_ref:
            self.stack[0].discard(base_ref)
        if revision_ref:
            self.stack[1].discard(revision_ref)

    def _compare(self, left: Resolved, right: Resolved) -> SchemaDiff | None:
        base, revision = left.schema, right.schema
        if self.flatten:
            base = flatten_all_of(self.docs[0], base)
            revision = flatten_all_of(self.docs[1], revision)
        result = SchemaDiff(base, revision, left.pointer, right.pointer)
        self._values(result, base, revision)
        for keyword in SINGLE_KEYWORDS:
            self._single(result, keyword)
        for keyword in LIST_KEYWORDS:
            self._list(result, keyword)
        for keyword in MAP_KEYWORDS:
            self._map(result, keyword)
        return None if result.empty else result

    @staticmethod
    def _values(result: SchemaDiff, base: dict[str, Any], revision: dict[str, Any]) -> None:
        for key in base.keys() | revision.keys():
            if key in _STRUCTURAL:
                continue
            old, new = base.get(key, MISSING), revision.get(key, MISSING)
            if old != new or type(old) is not type(new):
                result.values[key] = (old, new)
        old_types, new_types = types_of(base), types_of(revision)
        if set(old_types) != set(new_types):
            result.values["type"] = (old_types, new_types)
        if is_nullable(base) != is_nullable(revision):
            result.values["nullable"] = (is_nullable(base), is_nullable(revision))
        for keyword in _BOOLEAN_OR_SCHEMA:
            old, new = base.get(keyword, MISSING), revision.get(keyword, MISSING)
            if (isinstance(old, bool) or isinstance(new, bool)) and old != new:
                result.values[keyword] = (old, new)

    def _single(self, result: SchemaDiff, keyword: str) -> None:
        old, new = result.base.get(keyword), result.revision.get(keyword)
        if keyword in _BOOLEAN_OR_SCHEMA:
            old = old if isinstance(old, dict) else None
            new = new if isinstance(new, dict) else None
        if old is None and new is None:
            return
        child = self.compare(
            old, new, f"{result.base_pointer}/{keyword}", f"{result.revision_pointer}/{keyword}"
        )
        if child is not None:
            result.single[keyword] = child

    def _map(self, result: SchemaDiff, keyword: str) -> None:
        old, new = result.base.get(keyword), result.revision.get(keyword)
        old = old if isinstance(old, dict) else {}
        new = new if isinstance(new, dict) else {}
        if not old and not new:
            return
        diff = MapDiff(
            added={name: self.schema(1, new[name]) for name in new if name not in old},
            deleted={name: self.schema(0, old[name]) for name in old if name not in new},
        )
        for name in old:
            if name in new:
                token = name.replace("~", "~0").replace("/", "~1")
                child = self.compare(
                    old[name],
                    new[name],
                    f"{result.base_pointer}/{keyword}/{token}",
                    f"{result.revision_pointer}/{keyword}/{token}",
                )
                if child is not None:
                    diff.modified[name] = child
        if diff.added or diff.deleted or diff.modified:
            result.maps[keyword] = diff

    def _list(self, result: SchemaDiff, keyword: str) -> None:
        old, new = result.base.get(keyword), result.revision.get(keyword)
        old = old if isinstance(old, list) else []
        new = new if isinstance(new, list) else []
        if not old and not new:
            return
        left = [
            resolve(self.docs[0], node, f"{result.base_pointer}/{keyword}/{index}")
            for index, node in enumerate(old)
        ]
        right = [
            resolve(self.docs[1], node, f"{result.revision_pointer}/{keyword}/{index}")
            for index, node in enumerate(new)
        ]
        diff = match_members(self, left, right)
        if diff.added or diff.deleted or diff.modified:
            result.lists[keyword] = diff
