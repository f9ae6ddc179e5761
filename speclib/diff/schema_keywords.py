"""The JSON Schema 2020-12 keywords OpenAPI 3.1 brought: conditionals, ``contains``,
``prefixItems``, ``dependentRequired``/``dependentSchemas``, ``patternProperties``,
``propertyNames``, ``unevaluated*`` and the ``content*`` keywords.

Each adds a constraint where it appears, so adding one narrows (breaks a request) and removing
one widens (breaks a response), as oasdiff's rules for them say.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Change
from .schema_report import Reporter
from .schema_tree import MISSING, SchemaDiff
from .schema_walk import scopes

__all__ = ["keyword_changes"]

# Nested schemas whose presence is a constraint: keyword -> id part.
_PRESENCE = {
    "if": "if",
    "then": "then",
    "else": "else",
    "contains": "contains",
    "propertyNames": "property-names",
    "unevaluatedItems": "unevaluated-items",
    "unevaluatedProperties": "unevaluated-properties",
    "contentSchema": "content-schema",
}
_COUNTS = {"minContains": "min-contains", "maxContains": "max-contains"}
_TEXTS = {"contentMediaType": "content-media-type", "contentEncoding": "content-encoding"}
_MAPS = {"dependentSchemas": "dependent-schema", "patternProperties": "pattern-property"}


def keyword_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """The 3.1 keywords' changes on the root and on every changed schema below it."""
    if r.site.kind not in ("request-body", "response-body"):
        return
    for name, diff in scopes(root):
        if diff.added or diff.deleted:
            continue
        prop = name or None
        yield from _presence(r, diff, prop)
        yield from _counts(r, diff, prop)
        yield from _dependent_required(r, diff, prop)
        for keyword, part in _MAPS.items():
            entries = diff.maps.get(keyword)
            for key in entries.added if entries else ():
                yield r.change(r.id(f"{part}-added", root=prop is None), diff, key, property=prop)
            for key in entries.deleted if entries else ():
                yield r.change(r.id(f"{part}-removed", root=prop is None), diff, key, property=prop)
        listed = diff.lists.get("prefixItems")
        for member in listed.added if listed else ():
            rule_id = r.id("prefix-items-added", root=prop is None)
            yield r.change(rule_id, diff, str(member), property=prop)
        for member in listed.deleted if listed else ():
            rule_id = r.id("prefix-items-removed", root=prop is None)
            yield r.change(rule_id, diff, str(member), property=prop)


def _presence(r: Reporter, diff: SchemaDiff, prop: str | None) -> Iterator[Change | None]:
    for keyword, part in _PRESENCE.items():
        child = diff.single.get(keyword)
        was, now = _present(diff.base, keyword), _present(diff.revision, keyword)
        if child is not None and (child.added or child.deleted):
            was, now = not child.added, not child.deleted
        if was != now:
            suffix = f"{part}-added" if now else f"{part}-removed"
            yield r.change(r.id(suffix, root=prop is None), diff, property=prop)
    for keyword, part in _TEXTS.items():
        change = diff.changed(keyword)
        if change is not None and MISSING not in change:
            rule_id = r.id(f"{part}-changed", root=prop is None)
            yield r.change(rule_id, diff, property=prop, from_=change[0], to=change[1])


def _present(schema: dict[str, Any], keyword: str) -> bool:
    """Whether the keyword constrains: a schema, or ``false`` for the unevaluated keywords."""
    value = schema.get(keyword, MISSING)
    return isinstance(value, dict) or value is False


def _counts(r: Reporter, diff: SchemaDiff, prop: str | None) -> Iterator[Change | None]:
    for keyword, part in _COUNTS.items():
        change = diff.changed(keyword)
        if change is None:
            continue
        old, new = (value if isinstance(value, int) else None for value in change)
        if old is None or new is None:
            continue
        suffix = f"{part}-increased" if new > old else f"{part}-decreased"
        yield r.change(r.id(suffix, root=prop is None), diff, property=prop, from_=old, to=new)


def _dependent_required(r: Reporter, diff: SchemaDiff, prop: str | None) -> Iterator[Change | None]:
    change = diff.changed("dependentRequired")
    if change is None:
        return
    old, new = (value if isinstance(value, dict) else {} for value in change)
    root = prop is None
    for key, names in new.items():
        if key not in old:
            yield r.change(
                r.id("dependent-required-added", root=root), diff, key, names, property=prop
            )
        elif old[key] != names:
            text = f"{_listed(old[key])} -> {_listed(names)}"
            yield r.change(
                r.id("dependent-required-changed", root=root), diff, key, text, property=prop
            )
    for key, names in old.items():
        if key not in new:
            rule_id = r.id("dependent-required-removed", root=root)
            yield r.change(rule_id, diff, key, names, property=prop)


def _listed(names: Any) -> str:
    return ", ".join(str(name) for name in names) if isinstance(names, list) else str(names)
