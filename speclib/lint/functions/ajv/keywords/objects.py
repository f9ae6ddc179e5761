"""Keywords about objects: required, properties, patternProperties, additionalProperties,
propertyNames, dependencies and unevaluatedProperties."""

from __future__ import annotations

from typing import Any

from ..._js import js_keys, js_string
from ..compiler import Compiler, Context, Evaluated, Node
from ..errors import escape_fragment
from ._common import (
    Check,
    Path,
    keyword_path,
    quick,
    regex_test,
    run_branch,
)

__all__ = [
    "required",
    "property_names",
    "additional_properties",
    "dependencies",
    "dependent_required",
    "dependent_schemas",
    "properties",
    "pattern_properties",
    "unevaluated_properties",
]


def required(compiler: Compiler, node: Node, value: list, _group: str | None) -> Check:
    schema_path = keyword_path(node, "required")
    names = [js_string(name) for name in value]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for name in names:
            if name not in data:
                message = f"must have required property '{name}'"
                params = {"missingProperty": name}
                ctx.fail(comp, "required", path, schema_path, params, message, node.schema)
                if not ctx.all_errors:
                    return

    return quick(check, lambda data: all(name in data for name in names))


def property_names(compiler: Compiler, node: Node, value: Any, _group: str | None):
    sub = compiler.child(node, value, "propertyNames")
    if sub.always_valid:
        return None
    schema_path = keyword_path(node, "propertyNames")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for key in data:
            if not run_branch(sub, key, path, ctx, None):
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

    return quick(check, lambda data: all(sub.valid(key) for key in data))


def _pattern_tests(compiler: Compiler, patterns: Any) -> list[tuple[str, Any]]:
    if not isinstance(patterns, dict):
        return []
    tests = []
    for pattern in js_keys(patterns):
        test = regex_test(compiler, pattern)
        tests.append((pattern, test if test is not None else (lambda _key: False)))
    return tests


def _any_test(tests: list[Any]) -> Any:
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    return lambda key: any(test(key) for test in tests)


def additional_properties(compiler: Compiler, node: Node, value: Any, _group: str | None):
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
    schema_path = keyword_path(node, "additionalProperties")

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

    return quick(check, no_extra)


def _property_deps(node: Node, keyword: str, deps: dict[str, list]) -> Check | None:
    if not deps:
        return None
    schema_path = keyword_path(node, keyword)

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

    return quick(check, deps_present)


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

    return quick(check, lambda data: all(sub.valid(data) for prop, sub in subs if prop in data))


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
    return quick(check, lambda data: all(test(data) for test in tests))


def dependencies(compiler: Compiler, node: Node, value: dict, _group: str | None):
    ordered = {key: value[key] for key in js_keys(value) if key != "__proto__"}
    properties = {key: deps for key, deps in ordered.items() if isinstance(deps, list)}
    schemas = {key: deps for key, deps in ordered.items() if not isinstance(deps, list)}
    return _chain(
        _property_deps(node, "dependencies", properties),
        _schema_deps(compiler, node, "dependencies", schemas),
    )


def dependent_required(compiler: Compiler, node: Node, value: dict, _group: str | None):
    ordered = {key: value[key] for key in js_keys(value) if isinstance(value[key], list)}
    return _property_deps(node, "dependentRequired", ordered)


def dependent_schemas(compiler: Compiler, node: Node, value: dict, _group: str | None):
    ordered = {key: value[key] for key in js_keys(value)}
    return _schema_deps(compiler, node, "dependentSchemas", ordered)


def properties(compiler: Compiler, node: Node, value: dict, _group: str | None) -> Check:
    names = [name for name in js_keys(value) if name != "__proto__"]
    track = compiler.track_paths  # the schema path, only where errors carry it
    subs = []
    for name in names:
        suffix = f"properties/{escape_fragment(name)}" if track else ""
        sub = compiler.child(node, value[name], suffix)
        if not sub.always_valid:
            subs.append((name, sub))

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

    return quick(check, properties_valid)


def pattern_properties(compiler: Compiler, node: Node, value: dict, _group: str | None):
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

    return quick(check, patterns_valid)


def unevaluated_properties(compiler: Compiler, node: Node, value: Any, _group: str | None):
    node.dynamic = True
    sub = compiler.child(node, value, "unevaluatedProperties")
    schema_path = keyword_path(node, "unevaluatedProperties")

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
