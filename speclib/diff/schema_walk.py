"""Walking a SchemaDiff tree the way oasdiff names what it finds.

A property's full name is its path of names joined by "/": ``data/items/id``. Members of
composition lists appear as ``allOf[#/components/schemas/Dog]``, nested schemas under their
keyword (``items``, ``additionalProperties``, ``contains``...). :func:`modified` yields every
changed schema below the root with that name; :func:`added_properties` and
:func:`deleted_properties` the properties that appear or disappear anywhere in the tree.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .schema_tree import SchemaDiff

__all__ = [
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
    """Every changed schema below ``root`` (properties, list members, nested schemas)."""
    for path, diff, parent in _children("", root):
        yield Node(path, diff, parent)
        yield from _below(path, diff)


def _below(path: str, diff: SchemaDiff) -> Iterator[Node]:
    for child_path, child, parent in _children(path, diff):
        yield Node(child_path, child, parent)
        yield from _below(child_path, child)


def _children(path: str, diff: SchemaDiff) -> Iterator[tuple[str, SchemaDiff, SchemaDiff]]:
    for keyword in ("allOf", "anyOf", "oneOf"):
        listed = diff.lists.get(keyword)
        for base, revision, child in listed.modified if listed else ():
            label = str(base) if str(base) == str(revision) else f"{base} -> {revision}"
            yield full_name(path, f"{keyword}[{label}]"), child, diff
    for keyword in _NESTED[:2]:
        if keyword in diff.single:
            yield full_name(path, keyword), diff.single[keyword], diff
    properties = diff.maps.get("properties")
    for name, child in properties.modified.items() if properties else ():
        yield full_name(path, name), child, diff
    prefix = diff.lists.get("prefixItems")
    for base, _revision, child in prefix.modified if prefix else ():
        yield full_name(path, f"prefixItems[{base}]"), child, diff
    for keyword in _NESTED[2:]:
        if keyword in diff.single:
            yield full_name(path, keyword), diff.single[keyword], diff
    for keyword in ("patternProperties", "dependentSchemas"):
        entries = diff.maps.get(keyword)
        for name, child in entries.modified.items() if entries else ():
            yield full_name(path, f"{keyword}[{name}]"), child, diff


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
