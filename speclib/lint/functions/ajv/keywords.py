"""Ajv's keywords: each factory compiles one keyword of a node into a check.

A check is ``check(data, path, ctx, comp, ev)``: it reports errors through ``ctx.fail`` with
Ajv's keyword, params and message; ``comp`` tells whether it runs inside a branch that keeps
its errors (``anyOf``, ``oneOf``...); ``ev`` collects evaluated properties and items.

Keys of the data are visited in their source order (Spectral's parsers keep it); keys of a
schema in JavaScript's order, numeric ones first (Spectral validates copies of schemas).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from .._js import js_equal, js_keys, js_number, js_string
from ..jsregex import RegexError, compile_js
from .compiler import Compiler, Context, Evaluated, Node, Quick, data_type_is, schema_types
from .errors import SchemaError, escape_fragment
from .formats import FORMATS

__all__ = ["KEYWORDS"]

Check = Callable[[Any, tuple, Context, bool, Evaluated | None], None]
Path = tuple[str | int, ...]


def _quick(check: Check, test: Callable[[Any], bool]) -> Check:
    """Attaches ``test(data) -> bool``: the keyword's verdict alone, for Node.valid."""
    check.quick = test  # type: ignore[attr-defined]
    return check


def _sp(node: Node, keyword: str) -> str:
    return f"{node.spath}/{keyword}"


def _ref(compiler: Compiler, node: Node, value: str, _group: str | None) -> Check:
    target, inline = compiler.ref_target(node, value)
    if not inline:

        def call(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
            ctx.call(target, data, path, ev)

        return _quick(call, target.valid)

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        target.run(data, path, ctx, comp, ev)

    return _quick(check, target.valid)


def _dynamic_ref(compiler: Compiler, node: Node, value: str, _group: str | None) -> Check:
    if not value.startswith("#"):
        raise SchemaError('"$dynamicRef" only supports hash fragment reference')
    anchor = value[1:]
    node.dynamic = True
    root = node.env_root
    fallback = compiler.ref(node, value) if anchor else root

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        ctx.call(ctx.dynamic.get(anchor) or fallback, data, path, ev)

    return check


def _recursive_ref(compiler: Compiler, node: Node, value: str, group: str | None) -> Check:
    node.dynamic = True
    fallback = compiler.ref(node, value)

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        ctx.call(ctx.dynamic.get("$recursive") or fallback, data, path, ev)

    return check


def _const(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    schema_path = _sp(node, "const")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if not js_equal(data, value):
            params = {"allowedValue": value}
            ctx.fail(
                comp, "const", path, schema_path, params, "must be equal to constant", node.schema
            )

    return _quick(check, lambda data: js_equal(data, value))


def _primitive_key(value: Any) -> tuple[str, Any] | None:
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    return None


def _enum(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check:
    schema_path = _sp(node, "enum")
    primitives = {key for key in map(_primitive_key, value) if key is not None}
    composites = [item for item in value if _primitive_key(item) is None]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        key = _primitive_key(data)
        if key is not None:
            if key in primitives:
                return
        elif any(js_equal(data, item) for item in composites):
            return
        ctx.fail(
            comp,
            "enum",
            path,
            schema_path,
            {"allowedValues": value},
            "must be equal to one of the allowed values",
            node.schema,
        )

    def allowed(data: Any) -> bool:
        key = _primitive_key(data)
        if key is not None:
            return key in primitives
        return any(js_equal(data, item) for item in composites)

    return _quick(check, allowed)


def _not(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    sub = compiler.child(node, value, "not")
    schema_path = _sp(node, "not")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if ctx.valid_quick(sub, data, path, None):
            ctx.fail(comp, "not", path, schema_path, {}, "must NOT be valid", node.schema)

    return _quick(check, lambda data: not sub.valid(data))


def _branches(compiler: Compiler, node: Node, keyword: str, value: list[Any]) -> list[Node]:
    return [
        compiler.child(node, item, f"{keyword}/{index}", in_array=True)
        for index, item in enumerate(value)
    ]


def _run_branch(branch: Node, data: Any, path: Path, ctx: Context, ev: Evaluated | None) -> bool:
    try:
        return branch.run(data, path, ctx, True, ev)
    except Quick:
        return False


def _any_of(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check | None:
    if any(compiler.is_always_valid(item) for item in value) and not compiler.dialect.next:
        return None  # Ajv does not even compile the branches then
    branches = _branches(compiler, node, "anyOf", value)
    schema_path = _sp(node, "anyOf")

    every_branch = compiler.dialect.next

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        start = len(ctx.errors)
        valid = False
        for branch in branches:
            branch_ev = Evaluated() if ev is not None else None
            if _run_branch(branch, data, path, ctx, branch_ev):
                valid = True
                if ev is not None:
                    ev.merge(branch_ev)
                # With unevaluated* (2019-09 and later) Ajv runs every branch.
                if not every_branch:
                    break
        if valid:
            del ctx.errors[start:]
            return
        message = "must match a schema in anyOf"
        ctx.fail(comp, "anyOf", path, schema_path, {}, message, node.schema, append=True)

    return _quick(check, lambda data: any(branch.valid(data) for branch in branches))


def _one_of(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check:
    branches = _branches(compiler, node, "oneOf", value)
    schema_path = _sp(node, "oneOf")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        start = len(ctx.errors)
        valid, passing = False, None
        for index, branch in enumerate(branches):
            branch_ev = Evaluated() if ev is not None else None
            branch_valid = branch.always_valid or _run_branch(branch, data, path, ctx, branch_ev)
            if index > 0 and branch_valid and valid:
                # A second passing branch ends the loop (Ajv nests each next branch in an else).
                valid, passing = False, [passing, index]
                break
            if branch_valid:
                valid, passing = True, index
                if ev is not None:
                    ev.merge(branch_ev)
        if valid:
            del ctx.errors[start:]
            return
        message = "must match exactly one schema in oneOf"
        params = {"passingSchemas": passing}
        ctx.fail(comp, "oneOf", path, schema_path, params, message, node.schema, append=True)

    def one(data: Any) -> bool:
        valid = False
        for branch in branches:
            if branch.valid(data):
                if valid:
                    return False
                valid = True
        return valid

    return _quick(check, one)


def _all_of(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check:
    branches = [b for b in _branches(compiler, node, "allOf", value) if not b.always_valid]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for branch in branches:
            if not branch.run(data, path, ctx, comp, ev) and not ctx.all_errors:
                return

    return _quick(check, lambda data: all(branch.valid(data) for branch in branches))


def _if(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check | None:
    schema = node.schema
    clauses = {}
    for keyword in ("then", "else"):
        if keyword in schema and not compiler.is_always_valid(schema[keyword]):
            clauses[keyword] = None
    if not clauses:
        return None
    condition = compiler.child(node, value, "if")
    for keyword in clauses:
        clauses[keyword] = compiler.child(node, schema[keyword], keyword)
    schema_path = _sp(node, "if")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        condition_ev = Evaluated() if ev is not None else None
        if ctx.valid_quick(condition, data, path, condition_ev):
            if ev is not None:
                ev.merge(condition_ev)
            clause = "then"
        else:
            clause = "else"
        branch = clauses.get(clause)
        if branch is None or branch.run(data, path, ctx, comp, ev):
            return
        params = {"failingKeyword": clause}
        message = f'must match "{clause}" schema'
        ctx.fail(comp, "if", path, schema_path, params, message, schema, append=True)

    def chosen(data: Any) -> bool:
        branch = clauses.get("then" if condition.valid(data) else "else")
        return branch is None or branch.valid(data)

    return _quick(check, chosen)


_COMPARISONS = {
    "maximum": ("<=", lambda a, b: a > b),
    "minimum": (">=", lambda a, b: a < b),
    "exclusiveMaximum": ("<", lambda a, b: a >= b),
    "exclusiveMinimum": (">", lambda a, b: a <= b),
}


def _limit_number(keyword: str) -> Callable[..., Check | None]:
    def factory(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check | None:
        schema = node.schema
        if compiler.dialect.draft4_limits:
            if keyword.startswith("exclusive"):
                limit_keyword = "maximum" if keyword == "exclusiveMaximum" else "minimum"
                if limit_keyword not in schema:
                    raise SchemaError(f"{keyword} can only be used with {limit_keyword}")
                return None
            exclusive = "exclusiveMaximum" if keyword == "maximum" else "exclusiveMinimum"
            name = exclusive if schema.get(exclusive) else keyword
        else:
            name = keyword
        symbol, fails = _COMPARISONS[name]
        schema_path = _sp(node, keyword)
        message = f"must be {symbol} {js_number(value)}"
        params = {"comparison": symbol, "limit": value}

        def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
            if fails(data, value) or data != data:
                ctx.fail(comp, keyword, path, schema_path, params, message, schema)

        return _quick(check, lambda data: not (fails(data, value) or data != data))

    return factory


def _multiple_of(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    schema_path = _sp(node, "multipleOf")
    message = f"must be multiple of {js_number(value)}"

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if value != 0:
            quotient = data / value
            if math.isfinite(quotient) and quotient == math.trunc(quotient):
                return
        params = {"multipleOf": value}
        ctx.fail(comp, "multipleOf", path, schema_path, params, message, node.schema)

    def multiple(data: Any) -> bool:
        if value == 0:
            return False
        try:
            quotient = data / value
        except (OverflowError, ZeroDivisionError):
            return False
        return math.isfinite(quotient) and quotient == math.trunc(quotient)

    return _quick(check, multiple)


def _format(compiler: Compiler, node: Node, value: str, group: str | None) -> Check | None:
    known = FORMATS.get(value)
    if known is None or known[0] != group or not compiler.validate_formats:
        return None  # Ajv ignores formats it does not know (strict mode is off)
    validate = known[1]
    schema_path = _sp(node, "format")
    message = f'must match format "{value}"'

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if not validate(data):
            params = {"format": value}
            ctx.fail(comp, "format", path, schema_path, params, message, node.schema)

    return _quick(check, validate)


def _limit(keyword: str, noun: str, measure: Callable[[Any], int]) -> Callable[..., Check]:
    comparison = "more" if keyword.startswith("max") else "fewer"

    def factory(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
        schema_path = _sp(node, keyword)
        message = f"must NOT have {comparison} than {js_number(value)} {noun}"
        params = {"limit": value}

        def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
            size = measure(data)
            if size > value if comparison == "more" else size < value:
                ctx.fail(comp, keyword, path, schema_path, params, message, node.schema)

        def within(data: Any) -> bool:
            size = measure(data)
            return not (size > value if comparison == "more" else size < value)

        return _quick(check, within)

    return factory


def _regex(compiler: Compiler, pattern: str) -> Callable[[str], bool] | None:
    """The pattern's test, or None when it is refused as catastrophic (then nothing is checked)."""
    flags = "u" if compiler.unicode_regexp else ""
    try:
        return compile_js(pattern, flags).test
    except RegexError as exc:
        if "is refused" in str(exc):
            return None
        raise SchemaError(str(exc)) from None


def _pattern(compiler: Compiler, node: Node, value: str, _group: str | None) -> Check | None:
    test = _regex(compiler, value)
    if test is None:
        return None
    schema_path = _sp(node, "pattern")
    message = f'must match pattern "{value}"'

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if not test(data):
            params = {"pattern": value}
            ctx.fail(comp, "pattern", path, schema_path, params, message, node.schema)

    return _quick(check, test)


def _items(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check | None:
    if isinstance(value, list):
        return _tuple_items(compiler, node, "items", value)
    start = 0
    if compiler.dialect.items_2020:
        prefix = node.schema.get("prefixItems")
        start = len(prefix) if isinstance(prefix, list) else 0
        if value is False:
            return _no_more_items(node, "items", start)
    return _rest_items(compiler, node, "items", value, start)


def _prefix_items(compiler: Compiler, node: Node, value: list, _group: str | None) -> Check:
    return _tuple_items(compiler, node, "prefixItems", value)


def _additional_items(compiler: Compiler, node: Node, value: Any, _group: str | None):
    items = node.schema.get("items")
    if not isinstance(items, list):
        return None
    if value is False:
        return _no_more_items(node, "additionalItems", len(items))
    return _rest_items(compiler, node, "additionalItems", value, len(items))


def _no_more_items(node: Node, keyword: str, limit: int) -> Check:
    schema_path = _sp(node, keyword)
    message = f"must NOT have more than {limit} items"

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if len(data) > limit:
            params = {"limit": limit}
            ctx.fail(comp, keyword, path, schema_path, params, message, node.schema)
        elif ev is not None:
            ev.all_items = True

    return _quick(check, lambda data: len(data) <= limit)


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

    return _quick(
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

    return _quick(check, rest_valid)


def _contains(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check | None:
    schema = node.schema
    sub = compiler.child(node, value, "contains")
    if compiler.dialect.next:
        low = schema.get("minContains", 1)
        high = schema.get("maxContains")
    else:
        low, high = 1, None
    if high is None and low == 0:
        return None
    schema_path = _sp(node, "contains")
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

    return _quick(check, contained)


def _count_contains(sub: Node, data: list, path: Path, ctx: Context, low: Any, high: Any) -> bool:
    count, valid = 0, low == 0
    for index, item in enumerate(data):
        if not _run_branch(sub, item, (*path, index), ctx, None):
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


def _canonical(value: Any) -> Any:
    """A hashable key under which values equal for Ajv's deep equality collide."""
    if isinstance(value, bool):
        return ("boolean", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    if value is None:
        return ("null",)
    if isinstance(value, list):
        return ("array", tuple(_canonical(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, _canonical(item)) for key, item in value.items()))
    return ("other", id(value))


def _unique_items(compiler: Compiler, node: Node, value: bool, _group: str | None) -> Check | None:
    if not value:
        return None
    items = node.schema.get("items")
    item_types = schema_types(items) if isinstance(items, dict) else []
    hashed = bool(item_types) and not any(kind in ("object", "array") for kind in item_types)
    schema_path = _sp(node, "uniqueItems")

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
        positions: dict[Any, list[int]] = {}
        for index, item in enumerate(data):
            positions.setdefault(_canonical(item), []).append(index)
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

    return _quick(check, lambda data: len(data) < 2 or duplicate(data) is None)


def _unevaluated_items(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    node.dynamic = True
    sub = compiler.child(node, value, "unevaluatedItems")
    schema_path = _sp(node, "unevaluatedItems")

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


def _required(compiler: Compiler, node: Node, value: list, _group: str | None) -> Check:
    schema_path = _sp(node, "required")
    names = [js_string(name) for name in value]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for name in names:
            if name not in data:
                message = f"must have required property '{name}'"
                params = {"missingProperty": name}
                ctx.fail(comp, "required", path, schema_path, params, message, node.schema)
                if not ctx.all_errors:
                    return

    return _quick(check, lambda data: all(name in data for name in names))


def _property_names(compiler: Compiler, node: Node, value: Any, _group: str | None):
    sub = compiler.child(node, value, "propertyNames")
    if sub.always_valid:
        return None
    schema_path = _sp(node, "propertyNames")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for key in data:
            if not _run_branch(sub, key, path, ctx, None):
                params = {"propertyName": key}
                message = "property name must be valid"
                ctx.fail(
                    comp,
                    "propertyNames",
                    path,
                    schema_path,
                    params,
                    message,
                    node.schema,
                    append=True,
                )
                if not ctx.all_errors:
                    return

    return _quick(check, lambda data: all(sub.valid(key) for key in data))


def _pattern_tests(compiler: Compiler, patterns: Any) -> list[tuple[str, Any]]:
    if not isinstance(patterns, dict):
        return []
    tests = []
    for pattern in js_keys(patterns):
        test = _regex(compiler, pattern)
        tests.append((pattern, test if test is not None else (lambda _key: False)))
    return tests


def _any_test(tests: list[Any]) -> Any:
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    return lambda key: any(test(key) for test in tests)


def _additional_properties(compiler: Compiler, node: Node, value: Any, _group: str | None):
    schema = node.schema
    properties = schema.get("properties")
    declared = (
        {key for key in properties if key != "__proto__"} if isinstance(properties, dict) else set()
    )
    patterns = [
        test for _pattern, test in _pattern_tests(compiler, schema.get("patternProperties"))
    ]
    matches_pattern = _any_test(patterns)
    sub = compiler.child(node, value, "additionalProperties")
    schema_path = _sp(node, "additionalProperties")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if ev is not None:
            ev.all_props = True
        if sub.always_valid:
            return
        for key in data:
            if key in declared or (matches_pattern is not None and matches_pattern(key)):
                continue
            if value is False:
                params = {"additionalProperty": key}
                message = "must NOT have additional properties"
                ctx.fail(comp, "additionalProperties", path, schema_path, params, message, schema)
                if not ctx.all_errors:
                    return
            elif not sub.run(data[key], (*path, key), ctx, comp, None) and not ctx.all_errors:
                return

    def no_extra(data: Any) -> bool:
        if sub.always_valid:
            return True
        for key, item in data.items():
            if key in declared or (matches_pattern is not None and matches_pattern(key)):
                continue
            if value is False or not sub.valid(item):
                return False
        return True

    return _quick(check, no_extra)


def _property_deps(node: Node, keyword: str, deps: dict[str, list]) -> Check | None:
    if not deps:
        return None
    schema_path = _sp(node, keyword)

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for prop, required in deps.items():
            if not required or prop not in data:
                continue
            for missing in required:
                if missing in data:
                    continue
                noun = "property" if len(required) == 1 else "properties"
                listed = ", ".join(js_string(item) for item in required)
                message = f"must have {noun} {listed} when property {prop} is present"
                params = {
                    "property": prop,
                    "missingProperty": missing,
                    "depsCount": len(required),
                    "deps": listed,
                }
                ctx.fail(comp, keyword, path, schema_path, params, message, node.schema)
                if not ctx.all_errors:
                    return

    def deps_present(data: Any) -> bool:
        return all(
            all(missing in data for missing in required)
            for prop, required in deps.items()
            if required and prop in data
        )

    return _quick(check, deps_present)


def _schema_deps(compiler: Compiler, node: Node, keyword: str, deps: dict[str, Any]):
    subs = [
        (prop, compiler.child(node, sub, f"{keyword}/{escape_fragment(prop)}"))
        for prop, sub in deps.items()
    ]
    subs = [(prop, sub) for prop, sub in subs if not sub.always_valid]
    if not subs:
        return None

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for prop, sub in subs:
            if prop in data and not sub.run(data, path, ctx, comp, ev) and not ctx.all_errors:
                return

    return _quick(check, lambda data: all(sub.valid(data) for prop, sub in subs if prop in data))


def _chain(*checks: Check | None) -> Check | None:
    present = [check for check in checks if check is not None]
    if not present:
        return None
    if len(present) == 1:
        return present[0]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for part in present:
            before = len(ctx.errors)
            part(data, path, ctx, comp, ev)
            if not ctx.all_errors and len(ctx.errors) > before:
                return

    tests = [part.quick for part in present]  # type: ignore[attr-defined]
    return _quick(check, lambda data: all(test(data) for test in tests))


def _dependencies(compiler: Compiler, node: Node, value: dict, _group: str | None):
    ordered = {key: value[key] for key in js_keys(value) if key != "__proto__"}
    properties = {key: deps for key, deps in ordered.items() if isinstance(deps, list)}
    schemas = {key: deps for key, deps in ordered.items() if not isinstance(deps, list)}
    return _chain(
        _property_deps(node, "dependencies", properties),
        _schema_deps(compiler, node, "dependencies", schemas),
    )


def _dependent_required(compiler: Compiler, node: Node, value: dict, _group: str | None):
    ordered = {key: value[key] for key in js_keys(value) if isinstance(value[key], list)}
    return _property_deps(node, "dependentRequired", ordered)


def _dependent_schemas(compiler: Compiler, node: Node, value: dict, _group: str | None):
    ordered = {key: value[key] for key in js_keys(value)}
    return _schema_deps(compiler, node, "dependentSchemas", ordered)


def _properties(compiler: Compiler, node: Node, value: dict, _group: str | None) -> Check:
    names = [name for name in js_keys(value) if name != "__proto__"]
    subs = [
        (name, compiler.child(node, value[name], f"properties/{escape_fragment(name)}"))
        for name in names
    ]
    subs = [(name, sub) for name, sub in subs if not sub.always_valid]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if ev is not None:
            ev.props.update(name for name in names if name in data)
        for name, sub in subs:
            if name not in data:
                continue
            if not sub.run(data[name], (*path, name), ctx, comp, None) and not ctx.all_errors:
                return

    def properties_valid(data: Any) -> bool:
        for name, sub in subs:  # noqa: SIM110 - a loop is faster than all() on this hot path
            if name in data and not sub.valid(data[name]):
                return False
        return True

    return _quick(check, properties_valid)


def _pattern_properties(compiler: Compiler, node: Node, value: dict, _group: str | None):
    tests = _pattern_tests(compiler, value)
    subs = [
        (
            test,
            compiler.child(node, value[pattern], f"patternProperties/{escape_fragment(pattern)}"),
        )
        for pattern, test in tests
    ]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        keys = list(data)
        for test, sub in subs:
            for key in keys:
                if not test(key):
                    continue
                if ev is not None:
                    ev.props.add(key)
                if not sub.run(data[key], (*path, key), ctx, comp, None) and not ctx.all_errors:
                    return

    def patterns_valid(data: Any) -> bool:
        for test, sub in subs:
            for key, item in data.items():
                if test(key) and not sub.valid(item):
                    return False
        return True

    return _quick(check, patterns_valid)


def _unevaluated_properties(compiler: Compiler, node: Node, value: Any, _group: str | None):
    node.dynamic = True
    sub = compiler.child(node, value, "unevaluatedProperties")
    schema_path = _sp(node, "unevaluatedProperties")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if ev is None or ev.all_props:
            return
        for key in data:
            if key in ev.props:
                continue
            if value is False:
                params = {"unevaluatedProperty": key}
                message = "must NOT have unevaluated properties"
                ctx.fail(
                    comp, "unevaluatedProperties", path, schema_path, params, message, node.schema
                )
                if not ctx.all_errors:
                    return
            elif sub.always_valid:
                continue
            elif not sub.run(data[key], (*path, key), ctx, comp, None) and not ctx.all_errors:
                return
        ev.all_props = True

    return check


def _inert(compiler: Compiler, node: Node, value: Any, _group: str | None) -> None:
    return None


def _length(data: Any) -> int:
    return len(data)


KEYWORDS: dict[str, Callable[..., Check | None]] = {
    "$ref": _ref,
    "$dynamicRef": _dynamic_ref,
    "$recursiveRef": _recursive_ref,
    "const": _const,
    "enum": _enum,
    "not": _not,
    "anyOf": _any_of,
    "oneOf": _one_of,
    "allOf": _all_of,
    "if": _if,
    "maximum": _limit_number("maximum"),
    "minimum": _limit_number("minimum"),
    "exclusiveMaximum": _limit_number("exclusiveMaximum"),
    "exclusiveMinimum": _limit_number("exclusiveMinimum"),
    "multipleOf": _multiple_of,
    "format": _format,
    "maxLength": _limit("maxLength", "characters", _length),
    "minLength": _limit("minLength", "characters", _length),
    "pattern": _pattern,
    "maxItems": _limit("maxItems", "items", _length),
    "minItems": _limit("minItems", "items", _length),
    "additionalItems": _additional_items,
    "prefixItems": _prefix_items,
    "items": _items,
    "contains": _contains,
    "uniqueItems": _unique_items,
    "maxContains": _inert,
    "minContains": _inert,
    "unevaluatedItems": _unevaluated_items,
    "maxProperties": _limit("maxProperties", "properties", _length),
    "minProperties": _limit("minProperties", "properties", _length),
    "required": _required,
    "propertyNames": _property_names,
    "additionalProperties": _additional_properties,
    "dependencies": _dependencies,
    "properties": _properties,
    "patternProperties": _pattern_properties,
    "dependentRequired": _dependent_required,
    "dependentSchemas": _dependent_schemas,
    "unevaluatedProperties": _unevaluated_properties,
}
