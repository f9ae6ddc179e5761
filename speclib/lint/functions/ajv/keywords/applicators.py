"""References, constants and combinations: $ref, const, enum, not, anyOf, oneOf, allOf, if."""

from __future__ import annotations

from typing import Any

from ..._js import js_equal
from ..compiler import Compiler, Context, Evaluated, Node
from ..errors import SchemaError
from ._common import (
    Check,
    Path,
    keyword_path,
    primitive_key,
    quick,
    run_branch,
)

__all__ = [
    "ref",
    "dynamic_ref",
    "recursive_ref",
    "const",
    "enum",
    "not_",
    "any_of",
    "one_of",
    "all_of",
    "if_",
]


def ref(compiler: Compiler, node: Node, value: str, _group: str | None) -> Check:
    target, inline = compiler.ref_target(node, value)
    if not inline:

        def call(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
            ctx.call(target, data, path, ev)

        return quick(call, target.valid)

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        target.run(data, path, ctx, comp, ev)

    return quick(check, target.valid)


def dynamic_ref(compiler: Compiler, node: Node, value: str, _group: str | None) -> Check:
    if not value.startswith("#"):
        raise SchemaError('"$dynamicRef" only supports hash fragment reference')
    anchor = value[1:]
    node.dynamic = True
    root = node.env_root
    fallback = compiler.ref(node, value) if anchor else root

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        ctx.call(ctx.dynamic.get(anchor) or fallback, data, path, ev)

    return check


def recursive_ref(compiler: Compiler, node: Node, value: str, group: str | None) -> Check:
    node.dynamic = True
    fallback = compiler.ref(node, value)

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        ctx.call(ctx.dynamic.get("$recursive") or fallback, data, path, ev)

    return check


def const(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    schema_path = keyword_path(node, "const")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if not js_equal(data, value):
            params = {"allowedValue": value}
            ctx.fail(
                comp, "const", path, schema_path, params, "must be equal to constant", node.schema
            )

    return quick(check, lambda data: js_equal(data, value))


def enum(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check:
    schema_path = keyword_path(node, "enum")
    primitives = {key for key in map(primitive_key, value) if key is not None}
    composites = [item for item in value if primitive_key(item) is None]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        key = primitive_key(data)
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
        key = primitive_key(data)
        if key is not None:
            return key in primitives
        return any(js_equal(data, item) for item in composites)

    return quick(check, allowed)


def not_(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    sub = compiler.child(node, value, "not")
    schema_path = keyword_path(node, "not")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if ctx.valid_quick(sub, data, path, None):
            ctx.fail(comp, "not", path, schema_path, {}, "must NOT be valid", node.schema)

    return quick(check, lambda data: not sub.valid(data))


def _branches(compiler: Compiler, node: Node, keyword: str, value: list[Any]) -> list[Node]:
    return [
        compiler.child(node, item, f"{keyword}/{index}", in_array=True)
        for index, item in enumerate(value)
    ]


def any_of(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check | None:
    if any(compiler.is_always_valid(item) for item in value) and not compiler.dialect.next:
        return None  # Ajv does not even compile the branches then
    branches = _branches(compiler, node, "anyOf", value)
    schema_path = keyword_path(node, "anyOf")

    every_branch = compiler.dialect.next

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        start = len(ctx.errors)
        valid = False
        for branch in branches:
            branch_ev = Evaluated() if ev is not None else None
            if run_branch(branch, data, path, ctx, branch_ev):
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

    return quick(check, lambda data: any(branch.valid(data) for branch in branches))


def one_of(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check:
    branches = _branches(compiler, node, "oneOf", value)
    schema_path = keyword_path(node, "oneOf")

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        start = len(ctx.errors)
        valid, passing = False, None
        for index, branch in enumerate(branches):
            branch_ev = Evaluated() if ev is not None else None
            branch_valid = branch.always_valid or run_branch(branch, data, path, ctx, branch_ev)
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

    return quick(check, one)


def all_of(compiler: Compiler, node: Node, value: list[Any], _group: str | None) -> Check:
    branches = [b for b in _branches(compiler, node, "allOf", value) if not b.always_valid]

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        for branch in branches:
            if not branch.run(data, path, ctx, comp, ev) and not ctx.all_errors:
                return

    return quick(check, lambda data: all(branch.valid(data) for branch in branches))


def if_(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check | None:
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
    schema_path = keyword_path(node, "if")

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

    return quick(check, chosen)
