"""``allOf``/``anyOf``/``oneOf`` members added or removed, discriminators, oneOf wrapping.

Members were matched across the sides when the tree was built (see schema_match), so only
members without a counterpart are reported here; a changed member is walked like a property.
Adding an ``allOf`` member narrows a request; removing an ``anyOf``/``oneOf`` alternative
narrows it too; adding an alternative to a response is breaking. An ``allOf`` member that only
annotates (title, description, examples) constrains nothing and is reported as such.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Change
from .schema_report import Reporter
from .schema_tree import MISSING, SchemaDiff, Subschema
from .schema_walk import scopes

__all__ = ["composition_changes", "discriminator_changes", "wrapped_in_one_of"]

_LISTS = {"allOf": "all-of", "anyOf": "any-of", "oneOf": "one-of"}
_ANNOTATIONS = frozenset(
    {"title", "description", "example", "examples", "deprecated", "externalDocs", "$comment"}
)


def composition_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """Members added to or removed from the composition lists, at the root and below."""
    if r.site.kind not in ("request-body", "response-body"):
        return
    yield from _wrapped(r, root)
    for name, diff in scopes(root):
        if diff.added or diff.deleted:
            continue
        prop = name or None
        for keyword, part in _LISTS.items():
            listed = diff.lists.get(keyword)
            if listed is None:
                continue
            if not (prop is None and keyword == "oneOf" and wrapped_in_one_of(diff)):
                yield from _members(r, diff, prop, keyword, part, "added", listed.added)
            yield from _members(r, diff, prop, keyword, part, "removed", listed.deleted)


def _members(
    r: Reporter,
    diff: SchemaDiff,
    prop: str | None,
    keyword: str,
    part: str,
    action: str,
    members: list[Subschema],
) -> Iterator[Change | None]:
    if not members:
        return
    schemas = (diff.revision if action == "added" else diff.base).get(keyword) or []
    plain, annotations = [], []
    for member in members:
        node = schemas[member.index] if member.index < len(schemas) else None
        only = keyword == "allOf" and _annotation_only(r, node, action)
        (annotations if only else plain).append(str(member))
    root = prop is None
    if plain:
        rule_id = r.id(f"{part}-{action}", root=root)
        yield r.change(rule_id, diff, ", ".join(plain), property=prop)
    if annotations:
        rule_id = r.id(f"{part}-{action}-annotation-only", root=root)
        yield r.change(rule_id, diff, ", ".join(annotations), property=prop)


def _annotation_only(r: Reporter, node: Any, action: str) -> bool:
    side = 1 if action == "added" else 0
    schema = r.ctx.differ.schema(side, node)
    return bool(schema) and schema.keys() <= _ANNOTATIONS


def wrapped_in_one_of(diff: SchemaDiff) -> bool:
    """Whether an object schema became a oneOf of alternatives (oasdiff's oneOf wrapping).

    The change is reported once as such, not as its parts (an alternative added, the type
    dropped, the properties moved into the alternatives).
    """
    base, revision = diff.base, diff.revision
    return (
        "properties" in base
        and "oneOf" not in base
        and isinstance(revision.get("oneOf"), list)
        and "properties" not in revision
    )


def _wrapped(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    if wrapped_in_one_of(root):
        yield r.change(r.id("wrapped-in-one-of", root=True), root)


def discriminator_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """Discriminators added, removed, renamed, and their mapping keys."""
    if r.site.kind not in ("request-body", "response-body"):
        return
    for name, diff in scopes(root):
        change = diff.changed("discriminator")
        if change is None or diff.added or diff.deleted:
            continue
        prop, root_level = name or None, not name
        old, new = change

        def rule(suffix: str, root_level: bool = root_level) -> str | None:
            return r.id(f"discriminator-{suffix}", root=root_level)

        if not isinstance(old, dict) or old is MISSING:
            yield r.change(rule("added"), diff, property=prop)
            continue
        if not isinstance(new, dict):
            yield r.change(rule("removed"), diff, property=prop)
            continue
        if old.get("propertyName") != new.get("propertyName"):
            yield r.change(
                rule("property-name-changed"),
                diff,
                property=prop,
                from_=old.get("propertyName"),
                to=new.get("propertyName"),
            )
        old_map, new_map = old.get("mapping") or {}, new.get("mapping") or {}
        added = [key for key in new_map if key not in old_map]
        deleted = [key for key in old_map if key not in new_map]
        if added:
            yield r.change(rule("mapping-added"), diff, added, property=prop)
        if deleted:
            yield r.change(rule("mapping-deleted"), diff, deleted, property=prop)
        for key in old_map:
            if key in new_map and old_map[key] != new_map[key]:
                yield r.change(
                    rule("mapping-changed"),
                    diff,
                    key,
                    property=prop,
                    from_=old_map[key],
                    to=new_map[key],
                )
