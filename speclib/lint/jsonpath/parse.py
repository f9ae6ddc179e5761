"""Parse JSONPath expressions in Spectral's dialect (nimma / jsonpath-plus) into steps.

Supported: ``$``, ``.name``, ``['name']``, ``[0]``, ``[-1]``, slices ``[1:3]``, ``*``, ``..``
(recursive descent), unions ``[get,put]`` / ``['get','put']`` / ``[0,1]``, filters ``[?(...)]``
and the trailing ``~`` (the key rather than the value) and ``^`` (the parent). Script
expressions ``[(...)]`` and anything else are refused with a ``JsonPathError``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .filter import Filter, FilterError, compile_filter

__all__ = ["JsonPathError", "Query", "Step", "parse_path"]


class JsonPathError(ValueError):
    """A JSONPath expression the engine cannot run."""


class Step(NamedTuple):
    """One selector, applied to the children of the current node (or, with ``descendant``,
    to the children of every node below it)."""

    descendant: bool
    wildcard: bool = False
    names: frozenset[str] = frozenset()  # object keys, and array indices as text
    negative: frozenset[int] = frozenset()  # indices from the end of an array
    slice: tuple[int | None, int | None, int] | None = None
    filter: Filter | None = None


class Query(NamedTuple):
    text: str
    steps: tuple[Step, ...]
    key: bool = False  # trailing ``~``: match the property name
    parent: bool = False  # trailing ``^``: match the parent


_NAME = re.compile(r"[^.\[\]~^()\s]+")
_INTEGER = re.compile(r"-?\d+\Z")
_SLICE = re.compile(r"(-?\d*):(-?\d*)(?::(-?\d+))?\Z")


@lru_cache(maxsize=2048)
def parse_path(text: str) -> Query:
    """Parse one expression; raises JsonPathError naming the problem."""
    try:
        return _Parser(text).parse()
    except FilterError as exc:
        raise JsonPathError(str(exc)) from None


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def error(self, problem: str) -> JsonPathError:
        return JsonPathError(f"invalid JSONPath `{self.text}`: {problem} at character {self.pos}")

    def parse(self) -> Query:
        text = self.text.strip()
        self.text = text
        if not text.startswith("$"):
            raise self.error("a path must start with `$`")
        self.pos = 1
        steps: list[Step] = []
        key = parent = False
        while self.pos < len(text):
            char = text[self.pos]
            if key or parent:
                raise self.error("`~` and `^` may only end the path")
            if char == "~":
                key, self.pos = True, self.pos + 1
            elif char == "^":
                parent, self.pos = True, self.pos + 1
            elif text.startswith("..", self.pos):
                self.pos += 2
                steps.append(self.selector(descendant=True))
            elif char == ".":
                self.pos += 1
                steps.append(self.selector(descendant=False))
            elif char == "[":
                steps.append(self.bracket(descendant=False))
            else:
                raise self.error(f"unexpected {char!r}")
        if parent and not steps:
            raise self.error("`$` has no parent")
        return Query(text, tuple(steps), key=key, parent=parent)

    def selector(self, *, descendant: bool) -> Step:
        text = self.text
        if self.pos >= len(text):
            raise self.error("a name is missing")
        if text[self.pos] == "*":
            self.pos += 1
            return Step(descendant, wildcard=True)
        if text[self.pos] == "[":
            return self.bracket(descendant=descendant)
        match = _NAME.match(text, self.pos)
        if match is None:
            raise self.error("a name is missing")
        self.pos = match.end()
        return Step(descendant, names=frozenset({match.group()}))

    def bracket(self, *, descendant: bool) -> Step:
        text = self.text
        self.pos += 1  # "["
        if text.startswith("?(", self.pos):
            end = self._closing_paren(self.pos + 1)
            expression = text[self.pos + 2 : end]
            self.pos = end + 1
            self._expect("]")
            return Step(descendant, filter=compile_filter(expression))
        if text.startswith("(", self.pos):
            raise self.error("script expressions `[(...)]` are not supported")
        items = self._union_items()
        if items == ["*"]:
            return Step(descendant, wildcard=True)
        names: set[str] = set()
        negative: set[int] = set()
        for item in items:
            if isinstance(item, tuple):
                if len(items) > 1:
                    raise self.error("a slice cannot be part of a union")
                return Step(descendant, slice=item)
            if isinstance(item, int) and item < 0:
                negative.add(item)
            else:
                names.add(str(item))
        return Step(descendant, names=frozenset(names), negative=frozenset(negative))

    def _union_items(self) -> list[object]:
        text = self.text
        items: list[object] = []
        while True:
            self._skip_spaces()
            if self.pos >= len(text):
                raise self.error("`]` is missing")
            char = text[self.pos]
            if char in "'\"":
                items.append(self._quoted(char))
            else:
                end = self.pos
                while end < len(text) and text[end] not in ",]":
                    end += 1
                raw = text[self.pos : end].strip()
                self.pos = end
                items.append(self._bare(raw))
            self._skip_spaces()
            if self.pos < len(text) and text[self.pos] == ",":
                self.pos += 1
                continue
            self._expect("]")
            return items

    def _bare(self, raw: str) -> object:
        if raw == "":
            raise self.error("an empty selector")
        if _INTEGER.match(raw):
            return int(raw)
        slice_match = _SLICE.match(raw)
        if slice_match:
            start, stop, step = slice_match.groups()
            step_value = int(step) if step else 1
            if step_value == 0:
                raise self.error("a slice step cannot be 0")
            return (int(start) if start else None, int(stop) if stop else None, step_value)
        if any(char in raw for char in "()?@'\"[ "):
            raise self.error(f"unsupported selector {raw!r}")
        return raw

    def _quoted(self, quote: str) -> str:
        text = self.text
        end = self.pos + 1
        chars: list[str] = []
        while end < len(text) and text[end] != quote:
            if text[end] == "\\" and end + 1 < len(text):
                end += 1
            chars.append(text[end])
            end += 1
        if end >= len(text):
            raise self.error("unterminated quoted name")
        self.pos = end + 1
        return "".join(chars)

    def _closing_paren(self, start: int) -> int:
        """Index of the ``)`` closing the ``(`` at ``start``, skipping strings and regexes."""
        text = self.text
        depth = 0
        index = start
        while index < len(text):
            char = text[index]
            if char in "'\"":
                index = self._skip_string(index, char)
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return index
            index += 1
        raise self.error("the filter expression is not closed")

    def _skip_string(self, index: int, quote: str) -> int:
        index += 1
        while index < len(self.text) and self.text[index] != quote:
            index += 2 if self.text[index] == "\\" else 1
        return index + 1

    def _skip_spaces(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1

    def _expect(self, char: str) -> None:
        if self.pos >= len(self.text) or self.text[self.pos] != char:
            raise self.error(f"expected {char!r}")
        self.pos += 1
