"""Maps a request path to the path template that serves it, with a segment trie.

Templates are OpenAPI paths joined to their server's base path, such as
`/v1/pets/{petId}/photos`. Each segment is a node: literal segments are looked up in a
dict, a whole-segment parameter (`{petId}`) is one wildcard child, and a segment that mixes
text and parameters (`{name}.{ext}`) is a small regular expression. Matching walks one
segment at a time, literals before parameters as OpenAPI asks, and backtracks only where
both exist; its cost grows with the path's depth, not with the number of templates.

Values are kept per node and method. When several values land on one node (versions that
share a server and a path), the one with the highest rank is kept. A node can also carry
a base value (the server's base path ends there), the answer when the path is under a base
path but matches no template: "this version, no known operation".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from urllib.parse import unquote

_PARAMETER = re.compile(r"\{[^{}/]*\}")


@dataclass(slots=True)
class _Node:
    literals: dict[str, _Node] = field(default_factory=dict)
    wildcard: _Node | None = None
    patterns: list[tuple[re.Pattern[str], _Node]] = field(default_factory=list)
    # method -> (rank, value); "" holds the best value of any method.
    values: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    base: tuple[Any, Any] | None = None


class Match(NamedTuple):
    """What a path matched: `value` of the template and method, or, when only a base path
    (or the template under another method) matched, `value` is None and `fallback` is the
    best value found there. (A named tuple: made once per lookup, it costs a quarter of a
    frozen dataclass.)"""

    value: Any
    fallback: Any


def split_path(path: str) -> list[str]:
    """The segments of a path, without its query or fragment and without empty segments
    (so `/a//b/` is `/a/b`); percent-escapes are decoded."""
    for mark in ("?", "#"):
        cut = path.find(mark)
        if cut >= 0:
            path = path[:cut]
    if "%" in path:
        return [unquote(part) for part in path.split("/") if part]
    return [part for part in path.split("/") if part]


class PathMatcher:
    """A set of (template, method) -> value, matched against concrete paths."""

    def __init__(self) -> None:
        self._root = _Node()
        self.size = 0

    def add(self, template: str, method: str, value: Any, rank: Any = 0) -> None:
        """Adds a template for a method (upper case). A value already there with a higher
        or equal rank is kept."""
        node = self._node(template)
        for key in (method, ""):
            current = node.values.get(key)
            if current is None or rank > current[0]:
                node.values[key] = (rank, value)
        self.size += 1

    def add_base(self, base_path: str, value: Any, rank: Any = 0) -> None:
        """Marks a base path: paths under it that match no template answer `value` as the
        fallback."""
        node = self._node(base_path)
        if node.base is None or rank > node.base[0]:
            node.base = (rank, value)

    def match(self, method: str, path: str) -> Match | None:
        """The value for a concrete path and method, or a fallback, or None."""
        segments = split_path(path)
        found: list[Any] = [None, -1, None]  # base value, its depth, its rank
        node = self._walk(self._root, segments, 0, found)
        if node is not None:
            exact = node.values.get(method.upper())
            if exact is not None:
                return Match(exact[1], None)
            best = node.values.get("")
            if best is not None:
                return Match(None, best[1])
        if found[0] is not None:
            return Match(None, found[0])
        return None

    def _walk(self, node: _Node, segments: list[str], index: int, found: list) -> _Node | None:
        if node.base is not None and index > found[1]:
            found[0], found[1], found[2] = node.base[1], index, node.base[0]
        if index == len(segments):
            return node if node.values else None
        segment = segments[index]
        child = node.literals.get(segment)
        if child is not None:
            leaf = self._walk(child, segments, index + 1, found)
            if leaf is not None:
                return leaf
        if node.wildcard is not None:
            leaf = self._walk(node.wildcard, segments, index + 1, found)
            if leaf is not None:
                return leaf
        for pattern, child in node.patterns:
            if pattern.fullmatch(segment):
                leaf = self._walk(child, segments, index + 1, found)
                if leaf is not None:
                    return leaf
        return None

    def _node(self, template: str) -> _Node:
        node = self._root
        for segment in split_template(template):
            node = self._child(node, segment)
        return node

    @staticmethod
    def _child(node: _Node, segment: str) -> _Node:
        if "{" not in segment:
            return node.literals.setdefault(segment, _Node())
        if _PARAMETER.fullmatch(segment):
            if node.wildcard is None:
                node.wildcard = _Node()
            return node.wildcard
        pattern = segment_pattern(segment)
        for existing, child in node.patterns:
            if existing.pattern == pattern.pattern:
                return child
        child = _Node()
        node.patterns.append((pattern, child))
        return child


def split_template(template: str) -> list[str]:
    """A template's segments; parameters keep their braces (`{id}`)."""
    return [part for part in template.split("?")[0].split("/") if part]


def segment_pattern(segment: str) -> re.Pattern[str]:
    """`{name}.{ext}` as a regular expression: text literal, each parameter one or more
    characters."""
    parts = _PARAMETER.split(segment)
    return re.compile(".+?".join(re.escape(part) for part in parts))


def normalise_template(template: str) -> str:
    """A template with parameter names dropped, to compare templates across versions."""
    return _PARAMETER.sub("{}", template)
