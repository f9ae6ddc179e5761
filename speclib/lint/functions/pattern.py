"""Spectral's ``pattern`` function: the value must (``match``) or must not (``notMatch``) match a
JavaScript regular expression, written bare or as ``/source/flags``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..types import FunctionContext, FunctionResult
from ._base import OptionsError, rule_function, validate_options
from ._js import print_value
from .jsregex import RegexError, from_option
from .options import OPTIONS

__all__ = ["FUNCTIONS"]

_JOINED = 256  # targets searched at once by a plain-text notMatch (see _found_in_none)


def _is_string(value: Any) -> bool:
    return isinstance(value, str)


@rule_function("pattern", options=OPTIONS["pattern"], accepts=_is_string)
def pattern(target: str, options: dict[str, Any], context: FunctionContext):
    results = []
    if "match" in options and not from_option(options["match"]).test(target):
        message = f'#{{{{print("value")}}}} must match the pattern {print_value(options["match"])}'
        results.append(FunctionResult(message))
    if "notMatch" in options and from_option(options["notMatch"]).test(target):
        shown = print_value(options["notMatch"])
        results.append(
            FunctionResult(f'#{{{{print("value")}}}} must not match the pattern {shown}')
        )
    return results or None


def _pattern_many(targets: list[Any], options: dict[str, Any], _context_of: Any = None):
    """``pattern`` over many targets at once (the engine's batch form, see engine.py): the
    same results as calling it on each, without a context or a call per target. A big
    document has tens of thousands of descriptions for the markdown rules alone."""
    match = _finder(options["match"]) if "match" in options else None
    not_match = _finder(options["notMatch"]) if "notMatch" in options else None
    if match is None and not_match is not None and _found_in_none(options["notMatch"], targets):
        return
    for index, target in enumerate(targets):
        if not isinstance(target, str):
            continue
        if (match is not None and not match(target)) or (
            not_match is not None and not_match(target)
        ):
            yield index, pattern(target, options, None)


def _found_in_none(option: str, targets: list[Any]) -> bool:
    """True when a plain-text pattern occurs in none of the string targets: one search per
    few hundred of them, joined, where a test per target costs a Python call each (the
    markdown rules find nothing in nearly every document). A NUL joins them, so a text
    without one cannot match across two targets; a few hundred at a time, the joined text
    reuses the same memory instead of taking fresh pages for all of them at once."""
    text = from_option(option).literal
    if text is None or "\0" in text:
        return False
    strings = [target for target in targets if isinstance(target, str)]
    return not any(
        text in "\0".join(strings[start : start + _JOINED])
        for start in range(0, len(strings), _JOINED)
    )


def _finder(option: str) -> Callable[[str], object]:
    """Whether a value matches the pattern (truthy): a substring test when the pattern is
    plain text (the markdown rules' ``eval\\(`` and ``<script``, over every description), else
    the compiled expression's search."""
    regex = from_option(option)
    text = regex.literal
    if text is not None:
        return lambda value: text in value
    return regex.find


def _validate(options: Any) -> None:
    validate_options("pattern", OPTIONS["pattern"], options)
    for key in ("match", "notMatch"):
        try:
            from_option(options[key]) if key in options else None
        except RegexError as exc:
            raise OptionsError(f'"pattern" function and its "{key}" option: {exc}') from None


pattern.validate_options = _validate  # type: ignore[attr-defined]
pattern.many = _pattern_many  # type: ignore[attr-defined]

FUNCTIONS = {"pattern": pattern}
