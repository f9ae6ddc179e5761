"""Walking a SchemaDiff tree the way oasdiff names what it finds.

A property's full name is its path of names joined by "/": ``data/items/id``. Members of
composition lists appear as ``allOf[#/components/schemas/Dog]``, nested schemas under their
keyword (``items``, ``additionalProperties``, ``contains``...). :func:`modified` yields every
changed schema below the root with that name; :func:`added_properties` and
:func:`deleted_properties` the properties that appear or disappear anywhere in the tree.

The tree is a graph: the diff of a pair of named schemas is built once and shared by every
place that references the pair. Walked as a tree, a schema referenced twice at each of forty
levels would be reached along 2**40 paths (a *reference bomb*, and nearly what two Stripe
releases a year apart do). So each edge of the graph (a parent's diff and one of its child
names) is followed along at most :data:`REPEATS` paths per walk: a shared schema's changes are
reported under its first paths, in document order, and the walk costs at most ``REPEATS``
visits per edge however the references fan out. Every changed place is still reported (under
one path at least), so what breaks and what does not is the same as with every path.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .schema_tree import SchemaDiff

__all__ = [
    "REPEATS",
    "Node",
    "added_properties",
    "deleted_properties",
    "full_name",
    "modified",
    "scopes",
]

# Nested single schemas, in the order oasdiff walks them; "items" reads as a path segment.
_NESTED = (
    "items",
    "additionalProperties",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "if",
    "then",
    "else",
    "not",
    "contentSchema",
)
# Paths of one walk along which an edge of the diff graph is followed. Real documents reuse a
# schema a few times within one body (billing and shipping addresses); more is a fan-out.
REPEATS = 8


@dataclass(frozen=True, slots=True)
class Node:
    """A changed schema below the root: its full name, the diff, and the parent's diff."""

    name: str
    diff: SchemaDiff
    parent: SchemaDiff


def full_name(path: str, name: str) -> str:
    """``path/name`` without empty segments."""
    return "/".join(part for part in (path, name) if part)


def modified(root: SchemaDiff) -> Iterator[Node]:
    """Every changed schema below ``root`` (properties, list members, nested schemas).

    Depth first, in document order; an edge already followed along REPEATS paths of this walk
    is not followed again (see the module's docstring).
    """
    followed: dict[tuple[int, str, int], int] = {}
    stack = [("", root, _children(root))]
    while stack:
        path, parent, children = stack[-1]
        step = next(children, None)
        if step is None:
            stack.pop()
            continue
        segment, child = step
        edge = (id(parent), segment, id(child))  # a property may be named "items"
        times = followed.get(edge, 0)
        if times >= REPEATS:
            continue
        followed[edge] = times + 1
        name = full_name(path, segment)
        yield Node(name, child, parent)
        stack.append((name, child, _children(child)))


def _children(diff: SchemaDiff) -> Iterator[tuple[str, SchemaDiff]]:
    """(name segment, diff) of the changed schemas right below ``diff``, in oasdiff's order."""
    for keyword in ("allOf", "anyOf", "oneOf"):
        listed = diff.lists.get(keyword)
        for base, revision, child in listed.modified if listed else ():
            label = str(base) if str(base) == str(revision) else f"{base} -> {revision}"
            yield f"{keyword}[{label}]", child
    for keyword in _NESTED[:2]:
        if keyword in diff.single:
            yield keyword, diff.single[keyword]
    properties = diff.maps.get("properties")
    yield from properties.modified.items() if properties else ()
    prefix = diff.lists.get("prefixItems")
    for base, _revision, child in prefix.modified if prefix else ():
        yield f"prefixItems[{base}]", child
    for keyword in _NESTED[2:]:
        if keyword in diff.single:
            yield keyword, diff.single[keyword]
    for keyword in ("patternProperties", "dependentSchemas"):
        entries = diff.maps.get(keyword)
        for name, child in entries.modified.items() if entries else ():
            yield f"{keyword}[{name}]", child


def scopes(root: SchemaDiff) -> Iterator[tuple[str, SchemaDiff]]:
    """(full name, diff) of the root (named "") and of every changed schema below it."""
    yield "", root
    for node in modified(root):
        yield node.name, node.diff


def added_properties(root: SchemaDiff) -> Iterator[tuple[str, str, dict[str, Any], SchemaDiff]]:
    """(full name, own name, revision schema, parent diff) of every property added in the tree."""
    for path, parent in scopes(root):
        properties = parent.maps.get("properties")
        for name, schema in properties.added.items() if properties else ():
            yield full_name(path, name), name, schema, parent


def deleted_properties(root: SchemaDiff) -> Iterator[tuple[str, str, dict[str, Any], SchemaDiff]]:
    """(full name, own name, base schema, parent diff) of every property deleted in the tree."""
    for path, parent in scopes(root):
        properties = parent.maps.get("properties")
        for name, schema in properties.deleted.items() if properties else ():
            yield full_name(path, name), name, schema, parent
