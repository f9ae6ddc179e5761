"""Keywords about numbers and strings (and sizes): limits, multipleOf, format, pattern."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ..._js import js_number
from ..compiler import Compiler, Context, Evaluated, Node
from ..errors import SchemaError
from ..formats import FORMATS
from ._common import (
    Check,
    Path,
    keyword_path,
    quick,
    regex_test,
)

__all__ = ["limit_number", "multiple_of", "format", "limit", "pattern"]


_COMPARISONS = {
    "maximum": ("<=", lambda a, b: a > b),
    "minimum": (">=", lambda a, b: a < b),
    "exclusiveMaximum": ("<", lambda a, b: a >= b),
    "exclusiveMinimum": (">", lambda a, b: a <= b),
}


def limit_number(keyword: str) -> Callable[..., Check | None]:
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
        schema_path = keyword_path(node, keyword)
        message = f"must be {symbol} {js_number(value)}"
        params = {"comparison": symbol, "limit": value}

        def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
            if fails(data, value) or data != data:
                ctx.fail(comp, keyword, path, schema_path, params, message, schema)

        return quick(check, lambda data: not (fails(data, value) or data != data))

    return factory


def multiple_of(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
    schema_path = keyword_path(node, "multipleOf")
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

    return quick(check, multiple)


def format(compiler: Compiler, node: Node, value: str, group: str | None) -> Check | None:
    known = FORMATS.get(value)
    if known is None or known[0] != group or not compiler.validate_formats:
        return None  # Ajv ignores formats it does not know (strict mode is off)
    validate = known[1]
    schema_path = keyword_path(node, "format")
    message = f'must match format "{value}"'

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if not validate(data):
            params = {"format": value}
            ctx.fail(comp, "format", path, schema_path, params, message, node.schema)

    return quick(check, validate)


def limit(keyword: str, noun: str, measure: Callable[[Any], int]) -> Callable[..., Check]:
    comparison = "more" if keyword.startswith("max") else "fewer"

    def factory(compiler: Compiler, node: Node, value: Any, _group: str | None) -> Check:
        schema_path = keyword_path(node, keyword)
        message = f"must NOT have {comparison} than {js_number(value)} {noun}"
        params = {"limit": value}

        def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
            size = measure(data)
            if size > value if comparison == "more" else size < value:
                ctx.fail(comp, keyword, path, schema_path, params, message, node.schema)

        def within(data: Any) -> bool:
            size = measure(data)
            return not (size > value if comparison == "more" else size < value)

        return quick(check, within)

    return factory


def pattern(compiler: Compiler, node: Node, value: str, _group: str | None) -> Check | None:
    test = regex_test(compiler, value)
    if test is None:
        return None
    schema_path = keyword_path(node, "pattern")
    message = f'must match pattern "{value}"'

    def check(data: Any, path: Path, ctx: Context, comp: bool, ev: Evaluated | None) -> None:
        if not test(data):
            params = {"pattern": value}
            ctx.fail(comp, "pattern", path, schema_path, params, message, node.schema)

    return quick(check, test)
