"""Enumerations, ``x-extensible-enum``, ``const`` and ``default`` values.

A request breaks when a value it accepted is removed from its enum (or it becomes an enum at
all, or its const changes); a response breaks when it may return a value clients do not know
(a value added to its enum is a warning: well-written clients tolerate it). Defaults matter
most on parameters, where the server applies them for clients that send nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .model import Change
from .schema_report import Reporter
from .schema_tree import MISSING, SchemaDiff
from .schema_walk import modified

__all__ = ["default_changes", "enum_changes"]


def enum_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """Enum values added or removed, restricted to an enum, x-extensible-enum values removed."""
    yield from _became_enum(r, root, None)
    yield from _enum_values(r, root, None)
    yield from _extensible(r, root, None)
    if r.site.kind == "response-header":
        return
    for node in modified(root):
        if not (node.diff.added or node.diff.deleted):
            yield from _became_enum(r, node.diff, node.name)
            yield from _enum_values(r, node.diff, node.name)
            yield from _extensible(r, node.diff, node.name)


def default_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """default and const values added, removed or changed."""
    for keyword, part in (("default", "default-value"), ("const", "const")):
        if not (r.site.kind == "parameter" and r.site.required):
            yield from _value(r, root, None, keyword, part)
        if r.site.kind in ("parameter", "response-header"):
            continue
        for node in modified(root):
            if not (node.diff.added or node.diff.deleted):
                yield from _value(r, node.diff, node.name, keyword, part)


def _became_enum(r: Reporter, diff: SchemaDiff, name: str | None) -> Iterator[Change | None]:
    change = diff.changed("enum")
    if not r.site.is_request or change is None or _listed(change[0]) or not _listed(change[1]):
        return
    if r.site.kind == "parameter":
        if name is None:
            yield r.change("request-parameter-became-enum", diff)
        elif r.site.location == "header":
            yield r.change("request-header-property-became-enum", diff, property=name)
        return
    yield r.change(r.id("became-enum", root=name is None), diff, property=name)


def _enum_values(r: Reporter, diff: SchemaDiff, name: str | None) -> Iterator[Change | None]:
    change = diff.changed("enum")
    if change is None or not _listed(change[0]):
        return
    removed, added = _delta(change[0], change[1] if _listed(change[1]) else [])
    if r.site.kind == "parameter":
        middle = "request-parameter-" if name is None else "request-parameter-property-"
        ids = (middle + "enum-value-removed", middle + "enum-value-added")
    elif r.site.kind == "request-body":
        read_only = diff.revision.get("readOnly") is True
        removed_id = "request-read-only-property-" if read_only else "request-property-"
        ids = (
            "request-body-enum-value-removed"
            if name is None
            else removed_id + "enum-value-removed",
            None if name is None else "request-property-enum-value-added",
        )
    elif r.site.kind == "response-body":
        write_only = diff.revision.get("writeOnly") is True
        added_id = "response-write-only-property-" if write_only else "response-property-"
        ids = (
            "response-mediatype-enum-value-removed"
            if name is None
            else "response-property-enum-value-removed",
            added_id + "enum-value-added",
        )
    else:
        return
    for value in removed:
        yield r.change(ids[0], diff, value, property=name)
    for value in added:
        yield r.change(ids[1], diff, value, property=name)


def _extensible(r: Reporter, diff: SchemaDiff, name: str | None) -> Iterator[Change | None]:
    change = diff.changed("x-extensible-enum")
    if change is None or not r.site.is_request or not _listed(change[0]):
        return
    removed, _ = _delta(change[0], change[1] if _listed(change[1]) else [])
    if r.site.kind == "parameter":
        rule_id = "request-parameter-x-extensible-enum-value-removed" if name is None else None
    else:
        rule_id = None if name is None else "request-property-x-extensible-enum-value-removed"
    for value in removed:
        yield r.change(rule_id, diff, value, property=name)


def _value(
    r: Reporter, diff: SchemaDiff, name: str | None, keyword: str, part: str
) -> Iterator[Change | None]:
    change = diff.changed(keyword)
    if change is None:
        return
    old, new = change
    rule_id = r.id(part, root=name is None)  # only to know the site has the family
    if rule_id is None and r.id(f"{part}-changed", root=name is None) is None:
        return
    if old is MISSING:
        yield r.change(r.id(f"{part}-added", root=name is None), diff, new, property=name)
    elif new is MISSING:
        yield r.change(r.id(f"{part}-removed", root=name is None), diff, old, property=name)
    else:
        rule_id = r.id(f"{part}-changed", root=name is None)
        yield r.change(rule_id, diff, property=name, from_=old, to=new)


def _listed(value: Any) -> bool:
    return isinstance(value, list) and bool(value)


def _delta(old: list[Any], new: list[Any]) -> tuple[list[Any], list[Any]]:
    """(values removed, values added), compared as JSON so that lists and objects compare."""
    old_keys = {_key(value) for value in old}
    new_keys = {_key(value) for value in new}
    return (
        [value for value in old if _key(value) not in new_keys],
        [value for value in new if _key(value) not in old_keys],
    )


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)
