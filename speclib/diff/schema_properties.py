"""Object properties: added, removed, required or optional, read-only or write-only.

A request breaks when it demands more (a new required property, an optional one made
required) and may break when a property it accepted disappears; a response breaks when a
property clients could count on disappears or turns optional. Read-only properties are never
sent by clients and write-only ones never returned, so each matters only on its side.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Change
from .schema_composition import wrapped_in_one_of
from .schema_report import Reporter
from .schema_tree import SchemaDiff
from .schema_walk import added_properties, deleted_properties, full_name, modified, scopes

__all__ = ["property_changes"]


def property_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """Added and removed properties, required-ness and access (readOnly/writeOnly) changes."""
    kind = r.site.kind
    if kind == "request-body":
        yield from _request_added_removed(r, root)
    elif kind == "response-body":
        yield from _response_added_removed(r, root)
    elif kind == "parameter" and r.site.location == "header":
        yield from _header_properties(r, root)
    if kind in ("request-body", "response-body"):
        yield from _required(r, root)
        yield from _access(r, root)


def _request_added_removed(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    for name, own, schema, parent in deleted_properties(root):
        if not _flag(schema, "readOnly") and not _moved(parent, own):
            yield r.change("request-property-removed", parent, property=name)
    for name, own, schema, parent in added_properties(root):
        if _flag(schema, "readOnly"):
            continue
        if own in _required_names(parent.revision):
            with_default = "default" in schema
            rule_id = "new-required-request-property" + ("-with-default" if with_default else "")
        else:
            rule_id = "new-optional-request-property"
        yield r.change(rule_id, parent, property=name)


def _response_added_removed(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    for name, own, schema, parent in deleted_properties(root):
        if _moved(parent, own):
            continue
        kind = "required" if own in _required_names(parent.base) else "optional"
        access = "write-only-" if _flag(schema, "writeOnly") else ""
        yield r.change(f"response-{kind}-{access}property-removed", parent, property=name)
    for name, own, schema, parent in added_properties(root):
        kind = "required" if own in _required_names(parent.revision) else "optional"
        access = "write-only-" if _flag(schema, "writeOnly") else ""
        yield r.change(f"response-{kind}-{access}property-added", parent, property=name)


def _header_properties(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """An object in a header parameter: new required properties, properties made required."""
    for name, own, _schema, parent in added_properties(root):
        if own in _required_names(parent.revision):
            yield r.change("new-required-request-header-property", parent, r.site.name, name)
    for path, diff in scopes(root):
        for own in _required_delta(diff)[0]:
            if _both_have(diff, own):
                name = full_name(path, own)
                yield r.change("request-header-property-became-required", diff, property=name)


def _required(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    request = r.site.is_request
    for path, diff in scopes(root):
        made_required, made_optional = _required_delta(diff)
        for own in made_required:
            if not _both_have(diff, own):
                continue
            schema = _property(r, diff, 1, own)
            name = full_name(path, own)
            if request and not _flag(schema, "readOnly"):
                suffix = "-with-default" if "default" in schema else ""
                yield r.change(f"request-property-became-required{suffix}", diff, property=name)
            elif not request:
                access = "write-only-" if _flag(schema, "writeOnly") else ""
                yield r.change(f"response-{access}property-became-required", diff, property=name)
        for own in made_optional:
            if not _both_have(diff, own):
                continue
            name = full_name(path, own)
            if request and not _flag(_property(r, diff, 1, own), "readOnly"):
                yield r.change("request-property-became-optional", diff, property=name)
            elif not request:
                access = "write-only-" if _flag(_property(r, diff, 0, own), "writeOnly") else ""
                yield r.change(f"response-{access}property-became-optional", diff, property=name)


def _access(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    side = "request" if r.site.is_request else "response"
    for node in modified(root):
        diff, parent = node.diff, node.parent
        own = node.name.rsplit("/", 1)[-1]
        if diff.added or diff.deleted or own not in (parent.revision.get("properties") or {}):
            continue
        kind = "required" if own in _required_names(parent.base) else "optional"
        for keyword, word in (("writeOnly", "write-only"), ("readOnly", "read-only")):
            change = diff.changed(keyword)
            if change is None or bool(change[0] is True) == bool(change[1] is True):
                continue
            became = word if change[1] is True else f"not-{word}"
            rule_id = f"{side}-{kind}-property-became-{became}"
            yield r.change(rule_id, diff, property=node.name)


def _required_delta(diff: SchemaDiff) -> tuple[list[str], list[str]]:
    old, new = _required_names(diff.base), _required_names(diff.revision)
    return [name for name in new if name not in old], [name for name in old if name not in new]


def _required_names(schema: dict[str, Any]) -> list[str]:
    names = schema.get("required")
    return [name for name in names if isinstance(name, str)] if isinstance(names, list) else []


def _both_have(diff: SchemaDiff, name: str) -> bool:
    return name in (diff.base.get("properties") or {}) and name in (
        diff.revision.get("properties") or {}
    )


def _property(r: Reporter, diff: SchemaDiff, side: int, name: str) -> dict[str, Any]:
    schema = diff.revision if side else diff.base
    return r.ctx.differ.schema(side, (schema.get("properties") or {}).get(name))


def _flag(schema: dict[str, Any], keyword: str) -> bool:
    return schema.get(keyword) is True


def _moved(parent: SchemaDiff, name: str) -> bool:
    """A property that moved into the alternatives of a oneOf wrapping is not removed."""
    return wrapped_in_one_of(parent) and name in (parent.base.get("properties") or {})
