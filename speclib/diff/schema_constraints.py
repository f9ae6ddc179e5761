"""Bounds and patterns: minimum/maximum (and exclusive), lengths, item counts, ``pattern``.

A request breaks when a bound tightens (a maximum decreased, a minimum increased, a pattern
added or changed) and may break when one is set where there was none; a response breaks when
a bound loosens or disappears, since clients may rely on it. Properties a client never sends
(read-only in a request) or never receives (write-only in a response) do not break anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model import Change
from .schema_report import Reporter
from .schema_tree import MISSING, SchemaDiff
from .schema_walk import modified

__all__ = ["bound_changes", "pattern_changes"]

# keyword: (id part, True for an upper bound)
_BOUNDS = {
    "maximum": ("max", True),
    "exclusiveMaximum": ("exclusive-max", True),
    "maxLength": ("max-length", True),
    "maxItems": ("max-items", True),
    "minimum": ("min", False),
    "exclusiveMinimum": ("exclusive-min", False),
    "minLength": ("min-length", False),
    "minItems": ("min-items", False),
}
_ZERO_WHEN_ABSENT = frozenset({"minLength"})


def bound_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """min/max, exclusive bounds, lengths and item counts, on the root and on properties."""
    yield from _bounds(r, root, None)
    items = root.single.get("items")
    if r.site.kind == "parameter" and items is not None and root.changed("maxItems") is None:
        # oasdiff reads a parameter's maxItems on its items too (a common misplacement).
        yield from _bounds(r, items, None, only=("maxItems",))
    if r.site.kind in ("parameter", "response-header"):
        return
    for node in modified(root):
        if not (node.diff.added or node.diff.deleted):
            yield from _bounds(r, node.diff, node.name)


def pattern_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """pattern added, removed, changed (or generalized to ``.*``)."""
    if r.site.kind == "parameter":
        yield from _pattern(r, root, None, "request-parameter-")
        return
    prefix = {"request-body": "request-property-", "response-body": "response-property-"}
    if r.site.kind not in prefix:
        return
    for node in modified(root):
        if not (node.diff.added or node.diff.deleted):
            yield from _pattern(r, node.diff, node.name, prefix[r.site.kind])


def _bounds(
    r: Reporter, diff: SchemaDiff, name: str | None, only: tuple[str, ...] = tuple(_BOUNDS)
) -> Iterator[Change | None]:
    request = r.site.is_request
    read_only, write_only = (diff.revision.get(key) is True for key in ("readOnly", "writeOnly"))
    if name is not None and (write_only if not request else False):
        return
    for keyword, (part, upper) in _BOUNDS.items():
        change = diff.changed(keyword)
        if change is None or keyword not in only:
            continue
        old, new = (_number(value, keyword) for value in change)
        if old is None and new is None:
            continue
        if old is None:
            if request and not read_only:
                yield _emit(r, diff, name, f"{part}-set", to=new)
            continue
        if new is None:
            if not request:
                yield _emit(r, diff, name, f"{part}-unset", value=old)
            continue
        direction = "decreased" if new < old else "increased"
        tightened = (direction == "decreased") == upper
        rule_id = None
        if request and read_only and tightened and name is not None:
            rule_id = f"request-read-only-property-{part}-{direction}"
        yield _emit(r, diff, name, f"{part}-{direction}", rule_id, old=old, new=new)


def _emit(
    r: Reporter,
    diff: SchemaDiff,
    name: str | None,
    suffix: str,
    rule_id: str | None = None,
    **values: Any,
) -> Change | None:
    rule_id = rule_id or r.id(suffix, root=name is None)
    if "old" in values:
        return r.change(rule_id, diff, property=name, from_=values["old"], to=values["new"])
    if "to" in values:
        return r.change(rule_id, diff, property=name, to=values["to"])
    return r.change(rule_id, diff, values["value"], property=name, from_=values["value"])


def _number(value: Any, keyword: str) -> float | int | None:
    if value is MISSING and keyword in _ZERO_WHEN_ABSENT:
        return 0
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None  # absent, or 3.0's boolean exclusiveMinimum (read with the minimum)
    return value


def _pattern(
    r: Reporter, diff: SchemaDiff, name: str | None, prefix: str
) -> Iterator[Change | None]:
    change = diff.changed("pattern")
    if change is None:
        return
    old, new = (value if isinstance(value, str) else "" for value in change)
    if not new:
        yield r.change(prefix + "pattern-removed", diff, old, property=name, from_=old)
    elif not old:
        yield r.change(prefix + "pattern-added", diff, new, property=name, to=new)
    else:
        suffix = "pattern-generalized" if new == ".*" else "pattern-changed"
        yield r.change(prefix + suffix, diff, property=name, from_=old, to=new)
