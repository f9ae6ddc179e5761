"""Bounded, ``$ref``-resolved copies of schemas for display.

A server-rendered page must never recurse forever (``Node.children: [Node]``)
nor explode (a schema that references a 5,000-node schema 300 times), so a
view is cut three ways: by *schema depth*, by a *size budget* (about the bytes
of JSON emitted) that can be shared across the views of one operation, and by
a hard nesting cap.

Markers in a view (extension keys, so the view is still schema-shaped):
``{"$ref": r, "x-circular": true}`` where a reference would loop,
``{"$ref": r, "x-unresolved": reason}`` for external or broken references,
``"x-truncated": true`` where depth or budget cut content, and ``"x-ref": r``
on an object expanded from reference ``r`` (so a page can name it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .refs import Unresolved, lookup, ref_of

__all__ = ["Budget", "deref_view"]

# Keywords whose value is a map of *names* to schemas: entering the map is not
# a schema level, entering each of its values is.
_SCHEMA_MAPS = frozenset(
    {"properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "schemas"}
)
_HARD_LEVELS = 64  # whatever the keys say, never nest deeper than this (Python recursion)
_TRUNCATED = "x-truncated"
_SCALAR_COST = 6  # a number, boolean or null, with its separator


@dataclass(slots=True)
class Budget:
    """Roughly how many bytes of JSON may still be emitted; share one across related views.

    Soft: a view stops starting new entries once it is spent, so the overshoot
    is at most one string. A ``parent`` (say, the whole document's budget) is
    charged too, and a spent parent makes its children spent.
    """

    remaining: int
    parent: Budget | None = None

    @property
    def spent(self) -> bool:
        """Whether this budget or a parent has run out."""
        return self.remaining <= 0 or (self.parent is not None and self.parent.spent)

    def charge(self, size: int) -> None:
        """Record ``size`` more emitted, here and in the parents."""
        self.remaining -= size
        if self.parent is not None:
            self.parent.charge(size)

    def affords(self, size: int) -> bool:
        """Whether ``size`` more fits here and in every parent."""
        return self.remaining >= size and (self.parent is None or self.parent.affords(size))


def deref_view(
    doc: Any,
    node: Any,
    *,
    max_depth: int = 6,
    budget: Budget | None = None,
    max_string: int = 2000,
) -> Any:
    """A JSON copy of ``node`` with local ``$ref``s expanded, bounded for display.

    ``max_depth`` counts schema levels (objects; the values of ``properties``
    and the like count, the maps themselves do not). Without ``budget`` a
    fresh one of 64 kB is used. Strings are cut to ``max_string`` characters.
    Never fetches anything and never raises on odd shapes.
    """
    viewer = _Viewer(doc, Budget(64_000) if budget is None else budget, max_depth, max_string)
    return viewer.view(node, 0, 0, ())


class _Viewer:
    """One view's walk.

    ``depth`` is the schema level of the enclosing object, ``levels`` the raw
    nesting (for the hard cap), ``chain`` the refs being expanded.
    """

    def __init__(self, doc: Any, budget: Budget, max_depth: int, max_string: int) -> None:
        self.doc = doc
        self.budget = budget
        self.max_depth = max_depth
        self.max_string = max_string

    def view(
        self, node: Any, depth: int, levels: int, chain: tuple[str, ...], is_map: bool = False
    ) -> Any:
        """The view of any node; ``is_map`` says it is a name-to-schema map, not a schema."""
        if isinstance(node, str):
            return self._string(node)
        if isinstance(node, list):
            return self._list(node, depth, levels, chain)
        if not isinstance(node, dict):
            self.budget.charge(_SCALAR_COST)
            return node
        ref = ref_of(node)
        if ref is not None:
            return self._reference(node, ref, depth, levels, chain)
        level = depth if is_map else depth + 1
        if level > self.max_depth or levels >= _HARD_LEVELS:
            return self._shallow(node)
        return self._entries(node.items(), {}, level, levels, chain)

    def _string(self, text: str) -> str:
        if len(text) > self.max_string:
            text = text[: self.max_string] + "…"
        self.budget.charge(len(text) + 3)
        return text

    def _entries(
        self, items: Any, out: dict, depth: int, levels: int, chain: tuple[str, ...]
    ) -> dict:
        """Add the views of ``items`` to ``out`` until the budget is spent."""
        for key, value in items:
            if self.budget.spent:
                out[_TRUNCATED] = True
                break
            self.budget.charge(len(key) + 4)
            out[key] = self.view(value, depth, levels + 1, chain, key in _SCHEMA_MAPS)
        return out

    def _list(self, node: list[Any], depth: int, levels: int, chain: tuple[str, ...]) -> list:
        out: list[Any] = []
        for item in node:
            if levels >= _HARD_LEVELS or self.budget.spent:
                out.append({_TRUNCATED: True})
                break
            self.budget.charge(1)
            out.append(self.view(item, depth, levels + 1, chain))
        return out

    def _reference(
        self, node: dict, ref: str, depth: int, levels: int, chain: tuple[str, ...]
    ) -> Any:
        self.budget.charge(len(ref) + 16)
        if ref in chain:
            return {"$ref": ref, "x-circular": True}
        target = lookup(self.doc, ref)
        if isinstance(target, Unresolved):
            return {"$ref": ref, "x-unresolved": target.reason}
        if depth + 1 > self.max_depth or levels >= _HARD_LEVELS or self.budget.spent:
            return {"$ref": ref, _TRUNCATED: True}
        expanded = self.view(target, depth, levels + 1, (*chain, ref))
        if not isinstance(expanded, dict):
            return expanded
        result = {"x-ref": ref, **expanded}  # a nested reference's own x-ref wins: the real name
        siblings = ((key, value) for key, value in node.items() if key != "$ref")
        return self._entries(siblings, result, depth, levels, chain)  # OpenAPI 3.1 overrides

    def _shallow(self, node: dict) -> dict[str, Any]:
        """Keep the scalar keywords (type, format, title...) of an object past the depth limit."""
        out: dict[str, Any] = {}
        for key, value in node.items():
            if isinstance(value, (dict, list)):
                out[_TRUNCATED] = True
            elif self.budget.spent:
                out[_TRUNCATED] = True
                break
            else:
                self.budget.charge(len(key) + 4)
                out[key] = self.view(value, 0, 0, ())
        return out
