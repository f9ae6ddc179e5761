"""Types, formats and nullability.

A request breaks when what it accepts narrows: a type swapped for another, or a format that
no longer accepts the old values; ``integer`` to ``number`` or ``int32`` to ``int64`` widen and
are fine. A response breaks the other way round. Outside JSON (a parameter, a header, a text
body) every value travels as text, so a type that becomes ``string`` still reads the old
values. Nullability: 3.0's ``nullable`` and 3.1's ``"null"`` type are the same thing here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Change
from .schema_composition import wrapped_in_one_of
from .schema_report import Reporter
from .schema_resolve import types_of
from .schema_tree import MISSING, SchemaDiff
from .schema_walk import modified

__all__ = ["nullability_changes", "type_changes"]

# Format changes that only widen what a value may be, by type: (from, to).
_WIDER_FORMATS = {
    "number": {("float", "double")},
    "integer": {("int32", "int64"), ("int32", "bigint"), ("int64", "bigint")},
    "string": {("date", "date-time"), ("time", "date-time")},
}


def type_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """request/response body, property, parameter and header type-* ids."""
    site = r.site
    strong = site.kind in ("request-body", "response-body") and _is_json(site.media_type)
    if _type_or_format_changed(root) and not wrapped_in_one_of(root):
        yield r.change(_root_id(r, root, strong), root, _dimension(root), **_sides(root))
    if site.kind == "response-header":
        return
    for node in modified(root):
        diff = node.diff
        if diff.added or diff.deleted or not _type_or_format_changed(diff):
            continue
        if site.kind == "request-body" and diff.revision.get("readOnly") is True:
            continue
        if site.kind == "parameter":
            rule_id = "request-parameter-property-" + _parameter_property_verdict(diff)
            yield r.change(rule_id, diff, _dimension(diff), property=node.name, **_sides(diff))
            continue
        verdict = (
            _request_verdict(diff, strong) if site.is_request else _response_verdict(diff, strong)
        )
        rule_id = r.id(f"type-{verdict}", root=False)
        yield r.change(rule_id, diff, _dimension(diff), property=node.name, **_sides(diff))


def nullability_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """became-nullable / became-not-nullable, at the root and on properties."""
    change = root.changed("nullable")
    if change is not None:
        suffix = "became-nullable" if change[1] else "became-not-nullable"
        yield r.change(r.id(suffix, root=True), root)
    if r.site.kind == "response-header":
        return
    for node in modified(root):
        change = node.diff.changed("nullable")
        if change is None or node.diff.added or node.diff.deleted:
            continue
        suffix = "became-nullable" if change[1] else "became-not-nullable"
        yield r.change(r.id(suffix, root=False), node.diff, property=node.name)


def _root_id(r: Reporter, diff: SchemaDiff, strong: bool) -> str | None:
    if r.site.kind == "parameter":
        breaking = _breaking(_types_delta(diff), _formats(diff), False, types_of(diff.revision))
        breaking = breaking and not _scalar_to_exploded_array(r, diff)
        return "request-parameter-type-" + ("changed" if breaking else "generalized")
    verdict = (
        _request_verdict(diff, strong) if r.site.is_request else _response_verdict(diff, strong)
    )
    return r.id(f"type-{verdict}", root=True)


def _scalar_to_exploded_array(r: Reporter, diff: SchemaDiff) -> bool:
    """A scalar query parameter that became an array of the same values, sent as repeated
    ``name=value`` pairs (form, exploded): a client sending one value is still understood."""
    delta = _types_delta(diff)
    if delta is None or delta[0] != ("array",) or not types_of(diff.base):
        return False
    items = r.ctx.differ.schema(1, diff.revision.get("items"))
    if not r.site.form_exploded or not items:
        return False
    if not _type_contained(types_of(items), types_of(diff.base), False):
        return False
    ignored = {"type", "nullable", "title", "description", "example", "examples"}
    same = {key: value for key, value in diff.base.items() if key not in ignored}
    return same == {key: value for key, value in items.items() if key not in ignored}


def _request_verdict(diff: SchemaDiff, strong: bool) -> str:
    old, new = types_of(diff.base), types_of(diff.revision)
    delta = _types_delta(diff)
    widened = delta is not None and _covered(old, new)
    if _breaking(None if widened else delta, _formats(diff), strong, new, shortcut=True):
        return "changed"
    if delta is not None and old and new and not widened:
        return "compatible"
    return "generalized"


def _response_verdict(diff: SchemaDiff, strong: bool) -> str:
    old, new = types_of(diff.base), types_of(diff.revision)
    delta = _types_delta(diff)
    narrowed = delta is not None and _covered(new, old)
    reverse = None if narrowed or delta is None else (delta[1], delta[0])
    formats = _formats(diff)
    reverse_formats = None if formats is None else (formats[1], formats[0])
    if _breaking(reverse, reverse_formats, strong, old, shortcut=True):
        return "generalized" if delta is not None and _covered(old, new) else "changed"
    if delta is not None and old and new and not narrowed:
        return "compatible"
    return "specialized"


def _parameter_property_verdict(diff: SchemaDiff) -> str:
    delta, formats, new = _types_delta(diff), _formats(diff), types_of(diff.revision)
    strong, weak = _breaking(delta, formats, True, new), _breaking(delta, formats, False, new)
    if strong != weak:
        return "type-changed"
    return "type-specialized" if strong else "type-generalized"


def _breaking(
    delta: tuple[tuple[str, ...], tuple[str, ...]] | None,
    formats: tuple[Any, Any] | None,
    strong: bool,
    to_types: tuple[str, ...],
    *,
    shortcut: bool = False,
) -> bool:
    """Whether values of the old type/format may be refused by the new one."""
    if shortcut and delta is not None and not to_types:
        return False  # the type constraint was dropped: anything goes
    type_breaking = delta is not None and not _type_contained(delta[0], delta[1], strong)
    format_breaking = formats is not None and not _format_contained(to_types, *formats)
    return type_breaking or format_breaking


def _type_contained(added: tuple[str, ...], deleted: tuple[str, ...], strong: bool) -> bool:
    if len(added) == 1 and len(deleted) == 1 and _subtype(deleted[0], added[0]):
        return True
    if not strong:
        return not added or added == ("string",)
    return False


def _format_contained(to_types: tuple[str, ...], old: Any, new: Any) -> bool:
    if new is MISSING or new == "":
        return True
    if len(to_types) != 1:
        return False
    return (old, new) in _WIDER_FORMATS.get(to_types[0], set())


def _subtype(sub: str, sup: str) -> bool:
    return sub == sup or (sub == "integer" and sup == "number")


def _covered(sub: tuple[str, ...], sup: tuple[str, ...]) -> bool:
    return bool(sub) and all(any(_subtype(t, s) for s in sup) for t in sub)


def _types_delta(diff: SchemaDiff) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(types added, types deleted), None when the types did not change."""
    if diff.changed("type") is None:
        return None
    old, new = types_of(diff.base), types_of(diff.revision)
    return tuple(t for t in new if t not in old), tuple(t for t in old if t not in new)


def _formats(diff: SchemaDiff) -> tuple[Any, Any] | None:
    return diff.changed("format")


def _type_or_format_changed(diff: SchemaDiff) -> bool:
    return diff.changed("type") is not None or diff.changed("format") is not None


def _dimension(diff: SchemaDiff) -> str:
    type_changed, format_changed = diff.changed("type") is not None, _formats(diff) is not None
    if type_changed and format_changed:
        return "type/format"
    return "type" if type_changed else "format"


def _sides(diff: SchemaDiff) -> dict[str, str]:
    dimension = _dimension(diff)
    return {"from": _shown(diff.base, dimension), "to": _shown(diff.revision, dimension)}


def _shown(schema: dict[str, Any], dimension: str) -> str:
    if dimension == "format":
        return str(schema.get("format") or "none")
    if dimension == "type":
        return _type_text(schema)
    text, fmt = _type_text(schema), schema.get("format")
    if not fmt:
        return text
    return str(fmt) if text == "any" else f"{text}/{fmt}"


def _type_text(schema: dict[str, Any]) -> str:
    parts = []
    for name in types_of(schema):
        items = schema.get("items")
        if name == "array" and isinstance(items, dict):
            parts.append(f"array<{_shown(items, 'type/format')}>")
        else:
            parts.append(name)
    return ", ".join(parts) or "any"


def _is_json(media_type: str | None) -> bool:
    media = (media_type or "").split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")
