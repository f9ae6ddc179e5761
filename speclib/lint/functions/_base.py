"""What every rule function shares: its name, its options check and its input guard.

``rule_function`` wraps a function as Spectral's ``createRulesetFunction`` does: the target is
first checked against the function's input (a target of the wrong kind yields no result, or one
fixed message for some functions), and ``fn.validate_options(options)`` checks
``functionOptions`` against the function's options schema, raising ``RulesetError`` with
Spectral's wording. The engine calls ``validate_options`` once per rule when it loads a
ruleset, so a bad option fails the ruleset, not the lint run.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from ..types import FunctionContext, FunctionResult, RulesetError
from ._js import print_value
from .ajv import Ajv, AjvError

__all__ = ["OptionsError", "RuleFunction", "rule_function", "validate_options"]

RuleFunction = Callable[[Any, Any, FunctionContext], list[FunctionResult] | None]


class OptionsError(RulesetError, ValueError):
    """``functionOptions`` a function does not accept (a ValueError too, for the loader)."""


def rule_function(
    name: str,
    *,
    options: dict[str, Any] | None = None,
    accepts: Callable[[Any], bool] | None = None,
    invalid_input: str | None = None,
) -> Callable[[RuleFunction], RuleFunction]:
    """Registers ``name``'s options schema (None: no options) and input check.

    ``accepts(target)`` False means no results, or ``[invalid_input]`` when that is given.
    """

    def wrap(fn: RuleFunction) -> RuleFunction:
        def guarded(target: Any, opts: Any, context: FunctionContext):
            if accepts is not None and not accepts(target):
                return [FunctionResult(invalid_input)] if invalid_input is not None else None
            return fn(target, opts, context)

        guarded.__name__ = guarded.__qualname__ = name
        guarded.__doc__ = fn.__doc__
        guarded.validate_options = lambda opts: validate_options(name, options, opts)  # type: ignore[attr-defined]
        guarded.options_schema = options  # type: ignore[attr-defined]
        guarded.unguarded = fn  # type: ignore[attr-defined]
        return guarded

    return wrap


def validate_options(name: str, schema: dict[str, Any] | None, options: Any) -> None:
    """Raises RulesetError when ``options`` do not suit the function, worded as Spectral."""
    if schema is None:
        if options is not None:
            raise OptionsError(f'"{name}" function does not accept any options')
        return
    ajv = _options_ajv()
    errors = ajv.validate(ajv.compile(schema), options)
    if errors:
        raise OptionsError("; ".join(_option_message(name, error) for error in errors))


@cache
def _options_ajv() -> Ajv:
    # Spectral checks options with one Ajv (draft 7), all errors, custom errorMessage texts.
    return Ajv("draft7", all_errors=True, error_messages=True)


def _dot_path(segments: list[str]) -> str:
    out = ""
    for index, segment in enumerate(segments):
        if segment == "":
            out += "['']"
        elif any(char.isspace() for char in segment):
            out += f"['{segment}']"
        elif _numeric(segment):
            out += f"[{segment}]"
        else:
            out += ("" if index == 0 else ".") + segment
    return out


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() != ""


def _option_message(name: str, error: AjvError) -> str:
    segments = [str(segment) for segment in error.instance_path]
    if error.keyword == "type":
        declared = error.params.get("type")
        types = ", ".join(declared) if isinstance(declared, list) else str(declared)
        path = _dot_path(segments or [""])
        return (
            f'"{name}" function and its "{path}" option accepts only the following types: {types}'
        )
    if error.keyword == "required":
        missing = _dot_path([*segments, str(error.params.get("missingProperty"))])
        return f'"{name}" function is missing "{missing}" option'
    if error.keyword == "additionalProperties":
        extra = _dot_path([*segments, str(error.params.get("additionalProperty"))])
        return f'"{name}" function does not support "{extra}" option'
    if error.keyword == "enum":
        values = ", ".join(print_value(value) for value in error.params.get("allowedValues", []))
        path = _dot_path(segments or [""])
        return (
            f'"{name}" function and its "{path}" option accepts only the following values: {values}'
        )
    return error.message
