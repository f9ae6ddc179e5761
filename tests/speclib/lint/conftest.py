"""A tiny registry of rule functions, so the engine is tested apart from the real ones."""

from __future__ import annotations

from typing import Any

import pytest

from speclib.lint import FunctionResult, load_ruleset


def falsy_found(target: Any, options: Any, context: Any) -> list[FunctionResult] | None:
    """Reports a target that is missing or falsy (a stand-in for ``truthy``)."""
    if not target:
        return [FunctionResult("is missing")]
    return None


def always(target: Any, options: Any, context: Any) -> list[FunctionResult]:
    """Reports every target, with its path and options in the message."""
    return [FunctionResult(f"seen {'/'.join(map(str, context.path))} {options or ''}".strip())]


def at_child(target: Any, options: Any, context: Any) -> list[FunctionResult]:
    """Reports at an explicit path below the target."""
    return [FunctionResult("child", path=(*context.path, "child"))]


def crash(target: Any, options: Any, context: Any) -> None:
    raise RuntimeError("boom")


def strict(target: Any, options: Any, context: Any) -> None:
    return None


def _strict_options(options: Any) -> None:
    if not isinstance(options, dict) or "needed" not in options:
        raise ValueError('"needed" option is required')


strict.validate_options = _strict_options  # type: ignore[attr-defined]

TEST_FUNCTIONS = {
    "falsy": falsy_found,
    "always": always,
    "atChild": at_child,
    "crash": crash,
    "strict": strict,
}


@pytest.fixture
def make_ruleset():
    def make(source: Any, **kwargs: Any):
        return load_ruleset(source, functions=TEST_FUNCTIONS, **kwargs)

    return make
