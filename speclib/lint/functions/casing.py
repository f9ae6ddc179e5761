"""Spectral's ``casing`` function: flat, camel, pascal, kebab, cobol, snake or macro case, with
or without digits, optionally in groups joined by a separator character.

Spectral checks with regular expressions that backtrack exponentially on some inputs (camel
case with digits); the expressions here accept exactly the same strings in linear time.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from .options import OPTIONS

__all__ = ["FUNCTIONS"]

# {d} is "0-9" unless digits are disallowed. An upper-case letter in camel or pascal case must
# be followed by a lower-case letter or digit, or end the whole string ({end}), as in Spectral's
# [A-Z0-9](?:[a-z0-9]+|$) groups: in a group before a separator it cannot come last.
_CASES = {
    "flat": "[a-z][a-z{d}]*",
    "camel": r"[a-z](?:[a-z{d}]|[A-Z](?=[a-z{d}]{end}))*",
    "pascal": r"[A-Z](?:[a-z{d}]|[A-Z](?=[a-z{d}]{end}))*",
    "kebab": "[a-z][a-z{d}]*(?:-[a-z{d}]+)*",
    "cobol": "[A-Z][A-Z{d}]*(?:-[A-Z{d}]+)*",
    "snake": "[a-z][a-z{d}]*(?:_[a-z{d}]+)*",
    "macro": "[A-Z][A-Z{d}]*(?:_[A-Z{d}]+)*",
}


@cache
def _word(kind: str, digits: bool, last: bool = True) -> re.Pattern[str]:
    pattern = _CASES[kind].replace("{d}", "0-9" if digits else "")
    return re.compile(pattern.replace("{end}", r"|\Z" if last else ""))


_JOINERS = {"kebab": "-", "cobol": "-", "snake": "_", "macro": "_"}


def _matches(value: str, kind: str, digits: bool, separator: dict[str, Any] | None) -> bool:
    word = _word(kind, digits)
    if separator is None:
        return word.fullmatch(value) is not None
    char = separator.get("char", "")
    if separator.get("allowLeading") is True and value.startswith(char):
        value = value[len(char) :]
    if not char or char == _JOINERS.get(kind):
        # Words joined by their own joiner are still one word: kebab-case joined by "-" is
        # kebab-case.
        return word.fullmatch(value) is not None
    if char.isalnum():
        # A separator that can also be part of a word makes split points ambiguous: use
        # Spectral's expression (short names only reach this odd configuration).
        group = re.escape(char)
        return re.fullmatch(f"{word.pattern}(?:{group}{word.pattern})*", value) is not None
    *groups, last = value.split(char)
    inner = _word(kind, digits, last=False)
    return word.fullmatch(last) is not None and all(inner.fullmatch(g) is not None for g in groups)


def _non_empty_string(value: Any) -> bool:
    return isinstance(value, str) and value != ""


@rule_function("casing", options=OPTIONS["casing"], accepts=_non_empty_string)
def casing(target: str, options: dict[str, Any], context: FunctionContext):
    separator = options.get("separator")
    if (
        len(target) == 1
        and separator is not None
        and separator.get("allowLeading") is True
        and target == separator.get("char")
    ):
        return None
    digits = options.get("disallowDigits") is not True
    if _matches(target, options["type"], digits, separator):
        return None
    return [FunctionResult(f"must be {options['type']} case")]


FUNCTIONS = {"casing": casing}
