"""What the keyword modules share: the check type and small helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...jsregex import RegexError, compile_js
from ..compiler import Compiler, Context, Evaluated, Node, Quick
from ..errors import SchemaError

__all__ = [
    "Check",
    "Path",
    "canonical",
    "primitive_key",
    "quick",
    "regex_test",
    "run_branch",
    "keyword_path",
]

Check = Callable[[Any, tuple, Context, bool, Evaluated | None], None]
Path = tuple[str | int, ...]


def quick(check: Check, test: Callable[[Any], bool]) -> Check:
    """Attaches ``test(data) -> bool``: the keyword's verdict alone, for Node.valid."""
    check.quick = test  # type: ignore[attr-defined]
    return check


def keyword_path(node: Node, keyword: str) -> str:
    return f"{node.spath}/{keyword}"


def primitive_key(value: Any) -> tuple[str, Any] | None:
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    return None


def run_branch(branch: Node, data: Any, path: Path, ctx: Context, ev: Evaluated | None) -> bool:
    # A branch's errors may be dropped (a passing anyOf), so none shows for the data it is
    # about: ``failing`` says nothing there.
    failing, ctx.failing = ctx.failing, None
    try:
        return branch.run(data, path, ctx, True, ev)
    except Quick:
        return False
    finally:
        ctx.failing = failing


def regex_test(compiler: Compiler, pattern: str) -> Callable[[str], bool] | None:
    """The pattern's test, or None when it is refused as catastrophic (then nothing is checked)."""
    flags = "u" if compiler.unicode_regexp else ""
    try:
        return compile_js(pattern, flags).test
    except RegexError as exc:
        if "is refused" in str(exc):
            return None
        raise SchemaError(str(exc)) from None


def canonical(value: Any) -> Any:
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
        return ("array", tuple(canonical(item) for item in value))
    if isinstance(value, dict):
        return ("object", frozenset((key, canonical(item)) for key, item in value.items()))
    return ("other", id(value))
