"""Source ranges of JSON paths, computed only for the paths that have findings.

Ranges follow Spectral's conventions (@stoplight/json and @stoplight/yaml): a scalar spans its
token; a mapping or sequence that is the value of a key starts just after the key's colon, any
other starts at its first token; a non-empty container ends where its last descendant value
ends, an empty one at its closing bracket; the root starts at line 0, character 0.

JSON is not tokenized as a whole: the wanted paths form a trie, only the objects and arrays on
it are read member by member, and every other value is skipped (compiled in _positions.c;
_json_ranges is its reference). YAML ranges are read off the tape its loader recorded,
which also lists the mapping keys Spectral refuses (``200:`` is a number): see
yamlpositions.py, loaded only for YAML documents (PyYAML's import is a tenth of a small lint).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .types import JsonPath, Position, Range

__all__ = ["KeyProblem", "json_ranges", "yaml_ranges"]

KeyProblem = tuple[JsonPath, str, Range]  # (path of the key, message, range of the key)
Trie = dict[str | int, Any]
WANTED: Any = object()  # trie marker: this path itself is wanted

_SPACE = re.compile(r"[ \t\r\n]*")
_BLANKS = frozenset(" \t\r\n")
_KEY = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
# The C scanner of the standard json module parses one value from an offset and returns where
# it ends: skipping a subtree runs at json.loads speed.
_scan_once = json.decoder.JSONDecoder().scan_once
ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


def _value_end(text: str, pos: int) -> int:
    """Offset just after the JSON value starting at ``pos``."""
    try:
        return _scan_once(text, pos)[1]
    except (StopIteration, ValueError, RecursionError):
        return len(text)


def path_trie(paths: list[JsonPath]) -> Trie:
    root: Trie = {}
    for path in paths:
        node = root
        for segment in path:
            node = node.setdefault(segment, {})
        node[WANTED] = True
    return root


# -- JSON ------------------------------------------------------------------------------------


class _JsonScan:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: dict[JsonPath, tuple[int, int]] = {}  # path -> (start offset, end offset)

    def space(self, pos: int) -> int:
        if self.text[pos : pos + 1] not in _BLANKS:
            return pos  # the usual case, and all there is in minified JSON
        return _SPACE.match(self.text, pos).end()  # type: ignore[union-attr]

    def value_end(self, pos: int) -> int:
        """Offset just after the JSON value starting at ``pos``."""
        return _value_end(self.text, pos)

    def last_leaf_end(self, end: int) -> int:
        """Where a container ending at ``end`` (after its bracket) ends for Spectral."""
        text = self.text
        close = end - 1
        while True:
            index = close - 1
            while text[index] in " \t\r\n":
                index -= 1
            char = text[index]
            if char in "[{":
                return close + 1  # empty: its own brackets
            if char in "]}":
                close = index  # the last child is a container: its last leaf
                continue
            return index + 1

    def walk(self, trie: Trie, pos: int, path: JsonPath, key_end: int | None) -> int:
        """Record the wanted paths at and below the value at ``pos``; returns its end."""
        opener = self.text[pos : pos + 1]
        children = {key: sub for key, sub in trie.items() if key is not WANTED}
        if children and opener == "{":
            end = self._members(children, pos, path)
        elif children and opener == "[":
            end = self._items(children, pos, path)
        else:
            end = self.value_end(pos)
        if WANTED in trie:
            container = opener in ("{", "[")
            start = key_end + 1 if container and key_end is not None else pos
            self.found[path] = (start, self.last_leaf_end(end) if container else end)
        return end

    def _members(self, children: Trie, pos: int, path: JsonPath) -> int:
        text = self.text
        index = self.space(pos + 1)
        while text[index : index + 1] == '"':
            key_match = _KEY.match(text, index)
            key_end = key_match.end()  # type: ignore[union-attr]
            raw = key_match.group()  # type: ignore[union-attr]
            key = json.loads(raw) if "\\" in raw else raw[1:-1]
            value = self.space(self.space(key_end) + 1)  # past the colon
            if key in children:
                end = self.walk(children[key], value, (*path, key), key_end)
            else:
                end = self.value_end(value)
            index = self.space(end)
            if text[index : index + 1] != ",":
                break
            index = self.space(index + 1)
        return index + 1  # past the closing brace

    def _items(self, children: Trie, pos: int, path: JsonPath) -> int:
        text = self.text
        index = self.space(pos + 1)
        position = 0
        while text[index : index + 1] not in ("]", ""):
            if position in children:
                end = self.walk(children[position], index, (*path, position), None)
            else:
                end = self.value_end(index)
            index = self.space(end)
            if text[index : index + 1] != ",":
                break
            index = self.space(index + 1)
            position += 1
        return index + 1


class _Lines:
    """Text offsets to (line, UTF-16 character), for offsets given in increasing order."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 0
        self.character = 0

    def position(self, offset: int) -> Position:
        text = self.text
        newlines = text.count("\n", self.offset, offset)
        if newlines:
            self.line += newlines
            self.offset, self.character = text.rfind("\n", 0, offset) + 1, 0
        chunk = text[self.offset : offset]
        self.character += len(chunk)
        if not chunk.isascii():  # JavaScript counts UTF-16 units: astral characters are two
            self.character += len(ASTRAL.findall(chunk))
        self.offset = offset
        return Position(self.line, self.character)


def _json_ranges(data: bytes, paths: list[JsonPath]) -> dict[JsonPath, Range]:
    """The range of each of ``paths`` (existing paths of the document) in JSON text (the
    reference for _positions.c's ``ranges``)."""
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    scan = _JsonScan(text)
    scan.walk(path_trie(paths), scan.space(0), (), None)
    offsets = sorted({offset for pair in scan.found.values() for offset in pair})
    lines = _Lines(text)
    at = {offset: lines.position(offset) for offset in offsets}
    return {path: Range(at[start], at[end]) for path, (start, end) in scan.found.items()}


try:
    # The same reading compiled (_positions.c, built at install), over the bytes as they are:
    # only the keys of the objects on the paths become Python objects.
    from ._positions import ranges as _compiled_ranges
except ImportError:  # no C compiler where it was installed
    json_ranges = _json_ranges
else:

    def json_ranges(data: bytes, paths: list[JsonPath]) -> dict[JsonPath, Range]:
        """The range of each of ``paths`` (existing paths of the document) in JSON text."""
        found = _compiled_ranges(data, path_trie(paths), WANTED, json.loads)
        return {
            path: Range(Position(start_line, start), Position(end_line, end))
            for path, (start_line, start, end_line, end) in found.items()
        }


# -- YAML ------------------------------------------------------------------------------------


def yaml_ranges(
    data: bytes, paths: list[JsonPath], tape: Any = None
) -> tuple[dict[JsonPath, Range], list[KeyProblem]]:
    """Ranges of ``paths`` in YAML text, and the keys Spectral's parser refuses. ``tape`` is the
    one ``load_document(..., positions=True)`` recorded; without it the text is loaded again."""
    from ..loading import load_document  # noqa: PLC0415 - PyYAML only for YAML
    from .yamlpositions import tape_ranges  # noqa: PLC0415

    if tape is None:
        tape = load_document(data, positions=True).tape
    return tape_ranges(tape, data, paths)
