"""JavaScript regular expressions, run by Python's ``re``, refused when they could backtrack
catastrophically.

Rulesets and documents carry JavaScript patterns (``pattern`` options, JSON Schema ``pattern``
and ``patternProperties``). ``compile_js`` translates one into an equivalent Python pattern;
``from_option`` also accepts Spectral's ``/source/flags`` form. Both raise ``RegexError`` for a
pattern that is invalid or unsafe, so a ruleset is refused when it is loaded rather than
hanging a worker later. Compiled patterns are cached.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .emit import to_python
from .parser import RegexSyntaxError, parse
from .safety import unsafe_reason

__all__ = ["JsRegex", "RegexError", "compile_js", "from_option", "split_slashed"]

VALID_FLAGS = frozenset("dgimsuvy")
_SLASHED = re.compile(r"^/(.+)/([a-z]*)\Z", re.DOTALL)


class RegexError(ValueError):
    """A pattern that is not valid JavaScript, or that could backtrack catastrophically."""


class JsRegex:
    """A translated pattern with ``RegExp.prototype.test`` semantics (slotted: ``test`` runs
    for every string a pattern rule sees)."""

    __slots__ = ("compiled", "flags", "literal", "source", "sticky", "test")

    def __init__(self, source: str, flags: str, compiled: re.Pattern[str], sticky: bool) -> None:
        self.source = source
        self.flags = flags
        self.compiled = compiled
        self.sticky = sticky
        # The ASCII text a pattern without special characters stands for (``eval\(``), when
        # no flag changes what it matches: ``test`` is then whether the value contains it (or
        # starts with it, after a ``^``: ``^x-`` on every key of an OpenAPI document).
        plain = not set(flags) - {"u"}
        self.literal = _literal(source) if plain else None
        prefix = _literal(source[1:]) if plain and source.startswith("^") else None
        self.test: Callable[[str], bool]
        if self.literal is not None:
            text = self.literal
            self.test = lambda value: text in value
        elif prefix is not None:
            self.test = lambda value: value.startswith(prefix)
        elif sticky:
            self.test = lambda value: compiled.match(value) is not None
        else:
            self.test = lambda value: compiled.search(value) is not None

    def __repr__(self) -> str:
        return f"JsRegex({self.source!r}, {self.flags!r})"

    @property
    def find(self) -> Callable[[str], re.Match[str] | None]:
        """The compiled pattern's own method that ``test`` calls (``test(v)`` is ``find(v) is
        not None``), for loops over many strings."""
        return self.compiled.match if self.sticky else self.compiled.search


_LITERAL = re.compile(r"(?:[^\\^$.|?*+()\[\]{}]|\\[\\^$.|?*+()\[\]{}/])+\Z")
_ESCAPED = re.compile(r"\\(.)")


def _literal(source: str) -> str | None:
    """The ASCII text ``source`` matches exactly when it has no special character (escaped
    ones stand for themselves), else None."""
    if not source.isascii() or _LITERAL.match(source) is None:
        return None
    return _ESCAPED.sub(r"\1", source)


def split_slashed(pattern: str) -> tuple[str, str]:
    """Spectral's reading of a pattern option: ``/source/flags`` or a bare source."""
    match = _SLASHED.match(pattern)
    if match is None:
        return pattern, ""
    return match.group(1), match.group(2)


@lru_cache(maxsize=1024)
def from_option(pattern: str) -> JsRegex:
    source, flags = split_slashed(pattern)
    return compile_js(source, flags)


@lru_cache(maxsize=4096)
def compile_js(source: str, flags: str = "", *, check_safety: bool = True) -> JsRegex:
    if any(flag not in VALID_FLAGS for flag in flags) or len(set(flags)) != len(flags):
        raise RegexError(f"Invalid flags supplied to RegExp constructor '{flags}'")
    unicode = "u" in flags or "v" in flags
    try:
        parsed = parse(source, unicode=unicode)
        reason = unsafe_reason(parsed.root, ignore_case="i" in flags) if check_safety else None
        python, python_flags = to_python(
            parsed,
            multiline="m" in flags,
            dot_all="s" in flags,
            ignore_case="i" in flags,
            unicode=unicode,
        )
    except RegexSyntaxError as exc:
        raise RegexError(f"Invalid regular expression: /{source}/{flags}: {exc}") from None
    except RecursionError:
        raise RegexError(f"Invalid regular expression: /{source}/{flags}: too deep") from None
    if reason is not None:
        raise RegexError(
            f"Regular expression /{source}/{flags} is refused: {reason}, "
            "so matching could take exponential or high polynomial time"
        )
    try:
        compiled = re.compile(python, python_flags)
    except (re.error, OverflowError, RecursionError) as exc:
        raise RegexError(f"Invalid regular expression: /{source}/{flags}: {exc}") from None
    return JsRegex(source, flags, compiled, sticky="y" in flags)
