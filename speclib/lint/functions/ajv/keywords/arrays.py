"""Keywords about arrays: items, prefixItems, additionalItems, contains, uniqueItems and
unevaluatedItems."""

from __future__ import annotations

from typing import Any

from ..._js import js_number, js_string
from ..compiler import Compiler, Context, Evaluated, Node, data_type_is, schema_types
from ._common import (
    Check,
    Path,
    canonical,
    keyword_path,
    quick,
    run_branch,
)

__all__ = [
    "items",
    "prefix_items",
    "additional_items",
    "contains",
    "unique_items",
    "unevaluated_items",
]


def items(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check | None:
    if isinstance(value, list):
        return _tuple_items(compiler, node, "items", value)
    start = 0
    if compiler.dialect.items_2020:
        prefix = node.schema.get("prefixItems")
        start = len(prefix) if isinstance(prefix, list) else 0
        if value is False:
            return _no_more_items(node, "items", start)
    return _rest_items(compiler, node, "items", value, start)


def prefix_items(compiler: Compiler, node: Node, value: list, _group: str | None) -> Check:
    return _tuple_items(compiler, node, "prefixItems", value)


def additional_items(compiler: Compiler, node: Node, value: Any, _group: str | None):
    items = node.schema.get("items")
    if not isinstance(items, list):
        return None
    if value is False:
        return _no_more_items(node, "additionalItems", len(items))
    return _rest_items(compiler, node, "additionalItems", value, len(items))


def _no_more_items(node: Node, keyword: str, limit: int) -> Check:
    schema_path = keyword_path(node, keyword)
    message = f"must NOT have more than {limit} items"

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if len(data) > limit:
            params = {"limit": limit}
            ctx.fail(comp, keyword, path, schema_path, params, message, node.schema)
        elif ev is not None:
            ev.all_items = True

    return quick(check, lambda data: len(data) <= limit)


def _tuple_items(compiler: Compiler, node: Node, keyword: str, value: list) -> Check:
    subs = [
        compiler.child(node, item, f"{keyword}/{index}", in_array=True)
        for index, item in enumerate(value)
    ]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for index, sub in enumerate(subs[: len(data)]):
            if not sub.run(data[index], (*path, index), ctx, comp, None) and not ctx.all_errors:
                return
        if ev is not None:
            ev.items = max(ev.items, min(len(subs), len(data)))

    return quick(
        check, lambda data: all(sub.valid(item) for sub, item in zip(subs, data, strict=False))
    )


def _rest_items(compiler: Compiler, node: Node, keyword: str, value: Any, start: int):
    sub = compiler.child(node, value, keyword)

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if not sub.always_valid:
            for index in range(start, len(data)):
                valid = sub.run(data[index], (*path, index), ctx, comp, None)
                if not valid and not ctx.all_errors:
                    return
        if ev is not None:
            ev.all_items = True

    def rest_valid(data: Any) -> bool:
        if sub.always_valid:
            return True
        return all(sub.valid(data[index]) for index in range(start, len(data)))

    return quick(check, rest_valid)


def contains(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check | None:
    schema = node.schema
    sub = compiler.child(node, value, "contains")
    if compiler.dialect.next:
        low = schema.get("minContains", 1)
        high = schema.get("maxContains")
    else:
        low, high = 1, None
    if high is None and low == 0:
        return None
    schema_path = keyword_path(node, "contains")
    if high is None:
        message = f"must contain at least {js_number(low)} valid item(s)"
        params: dict[str, Any] = {"minContains": low}
    else:
        message = (
            f"must contain at least {js_number(low)} and no more than {js_number(high)} "
            "valid item(s)"
        )
        params = {"minContains": low, "maxContains": high}

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        start = len(ctx.errors)
        if high is not None and low > high:
            valid = False
        elif sub.always_valid:
            valid = len(data) >= low and (high is None or len(data) <= high)
        else:
            valid = _count_contains(sub, data, path, ctx, low, high)
        if valid:
            del ctx.errors[start:]
            return
        ctx.fail(comp, "contains", path, schema_path, params, message, schema)

    def contained(data: Any) -> bool:
        if high is not None and low > high:
            return False
        if sub.always_valid:
            return len(data) >= low and (high is None or len(data) <= high)
        count = 0
        for item in data:
            if sub.valid(item):
                count += 1
                if high is None and count >= low:
                    return True
                if high is not None and count > high:
                    return False
        return count >= low

    return quick(check, contained)


def _count_contains(sub: Node, data: list, path: Path, ctx: Context, low: Any, high: Any) -> bool:
    count, valid = 0, low == 0
    for index, item in enumerate(data):
        if not run_branch(sub, item, (*path, index), ctx, None):
            continue
        count += 1
        if high is None:
            if count >= low:
                return True
        elif count > high:
            return False
        elif count >= low:
            valid = True
    return valid


def unique_items(compiler: Compiler, node: Node, value: bool, _group: str | None) -> Check | None:
    if not value:
        return None
    items = node.schema.get("items")
    item_types = schema_types(items) if isinstance(items, dict) else []
    hashed = bool(item_types) and not any(kind in ("object", "array") for kind in item_types)
    schema_path = keyword_path(node, "uniqueItems")

    def duplicate(data: list) -> tuple[int, int] | None:
        if hashed:
            seen: dict[str, int] = {}
            for i in range(len(data) - 1, -1, -1):
                item = data[i]
                if not any(data_type_is(kind, item) for kind in item_types):
                    continue
                key = js_string(item) + (
                    "_" if len(item_types) > 1 and isinstance(item, str) else ""
                )
                if key in seen:
                    return i, seen[key]
                seen[key] = i
            return None
        # Ajv compares every pair, from the end; the same pair is found by grouping equal items.
        if all(type(item) is str for item in data):
            if len(set(data)) == len(data):
                return None  # the usual enum of distinct strings
            keys: Any = data
        else:
            keys = [canonical(item) for item in data]
        positions: dict[Any, list[int]] = {}
        for index, key in enumerate(keys):
            positions.setdefault(key, []).append(index)
        best: tuple[int, int] | None = None
        for indices in positions.values():
            if len(indices) > 1 and (best is None or indices[-1] > best[0]):
                best = (indices[-1], indices[-2])
        return best

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if len(data) < 2:
            return
        found = duplicate(data)
        if found is not None:
            i, j = found
            message = f"must NOT have duplicate items (items ## {j} and {i} are identical)"
            params = {"i": i, "j": j}
            ctx.fail(comp, "uniqueItems", path, schema_path, params, message, node.schema)

    return quick(check, lambda data: len(data) < 2 or duplicate(data) is None)


def unevaluated_items(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    node.dynamic = True
    sub = compiler.child(node, value, "unevaluatedItems")
    schema_path = keyword_path(node, "unevaluatedItems")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if ev is None or ev.all_items:
            return
        start = ev.items
        if value is False and len(data) > start:
            message = f"must NOT have more than {start} items"
            ctx.fail(
                comp, "unevaluatedItems", path, schema_path, {"limit": start}, message, node.schema
            )
        elif not sub.always_valid:
            for index in range(start, len(data)):
                if not sub.run(data[index], (*path, index), ctx, comp, None) and not ctx.all_errors:
                    return
        ev.all_items = True

    return check
