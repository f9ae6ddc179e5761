"""Regular expression literals of filter expressions, compiled as JavaScript would read them.

The rule functions' translator (functions/jsregex: JavaScript syntax, refusal of patterns that
could backtrack catastrophically) is used when present; without it, Python's ``re`` compiles
the pattern after a plain check that refuses nested quantifiers such as ``(a+)+``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = ["compile_regex"]

_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}]\)(?:[+*]|\{\d+,)")


class _Fallback(NamedTuple):
    compiled: re.Pattern[str]

    def test(self, value: str) -> bool:
        return self.compiled.search(value) is not None


@lru_cache(maxsize=1024)
def compile_regex(source: str, flags: str = "") -> Any:
    """A compiled pattern with ``.compiled`` and ``.test``; ValueError when invalid or unsafe."""
    try:
        from ..functions.jsregex import compile_js
    except ImportError:
        return _fallback(source, flags)
    return compile_js(source, flags)


def _fallback(source: str, flags: str) -> _Fallback:
    if _NESTED_QUANTIFIER.search(source):
        raise ValueError(
            f"Regular expression /{source}/{flags} is refused: a quantified group repeats "
            "another quantifier, so matching could take exponential time"
        )
    options = (re.IGNORECASE if "i" in flags else 0) | (re.MULTILINE if "m" in flags else 0)
    options |= re.DOTALL if "s" in flags else 0
    try:
        return _Fallback(re.compile(source, options))
    except re.error as exc:
        raise ValueError(f"Invalid regular expression: /{source}/{flags}: {exc}") from None
