"""Source ranges of JSON paths, computed only for the paths that have findings.

Ranges follow Spectral's conventions (@stoplight/json and @stoplight/yaml): a scalar spans its
token; a mapping or sequence that is the value of a key starts just after the key's colon, any
other starts at its first token; a non-empty container ends where its last descendant value
ends, an empty one at its closing bracket; the root starts at line 0, character 0.

JSON is not tokenized as a whole: the wanted paths form a trie, only the objects and arrays on
it are read member by member, and every other value is skipped with one regular-expression
match that balances brackets at C speed. YAML is read from libyaml's event stream (one pass,
with marks), which also reports the mapping keys Spectral refuses (``200:`` is a number).
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from ..yamlscalars import resolve_plain
from .types import JsonPath, Position, Range

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - the locked PyYAML wheel ships LibYAML
    _Parser = yaml.SafeLoader

__all__ = ["KeyProblem", "json_ranges", "yaml_ranges"]

KeyProblem = tuple[JsonPath, str, Range]  # (path of the key, message, range of the key)
Trie = dict[str | int, Any]
_WANTED: Any = object()  # trie marker: this path itself is wanted

_SPACE = re.compile(r"[ \t\r\n]*")
_BLANKS = frozenset(" \t\r\n")
_KEY = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
# The C scanner of the standard json module parses one value from an offset and returns where
# it ends: skipping a subtree runs at json.loads speed.
_scan_once = json.decoder.JSONDecoder().scan_once
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _trie(paths: list[JsonPath]) -> Trie:
    root: Trie = {}
    for path in paths:
        node = root
        for segment in path:
            node = node.setdefault(segment, {})
        node[_WANTED] = True
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
        try:
            return _scan_once(self.text, pos)[1]
        except (StopIteration, ValueError, RecursionError):
            return len(self.text)

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
        children = {key: sub for key, sub in trie.items() if key is not _WANTED}
        if children and opener == "{":
            end = self._members(children, pos, path)
        elif children and opener == "[":
            end = self._items(children, pos, path)
        else:
            end = self.value_end(pos)
        if _WANTED in trie:
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
            self.character += len(_ASTRAL.findall(chunk))
        self.offset = offset
        return Position(self.line, self.character)


def json_ranges(data: bytes, paths: list[JsonPath]) -> dict[JsonPath, Range]:
    """The range of each of ``paths`` (existing paths of the document) in JSON text."""
    text = data.decode("utf-8", "replace").removeprefix("\ufeff")
    scan = _JsonScan(text)
    scan.walk(_trie(paths), scan.space(0), (), None)
    offsets = sorted({offset for pair in scan.found.values() for offset in pair})
    lines = _Lines(text)
    at = {offset: lines.position(offset) for offset in offsets}
    return {path: Range(at[start], at[end]) for path, (start, end) in scan.found.items()}


# -- YAML ------------------------------------------------------------------------------------


class _YamlFrame:
    __slots__ = ("index", "is_map", "key", "key_end", "last_end", "origin", "path", "trie")

    def __init__(self, is_map: bool, path: JsonPath, trie: Trie | None) -> None:
        self.is_map = is_map
        self.path = path
        self.trie = trie
        self.key: str | int | None = None  # pending key of a mapping (None: expecting a key)
        self.key_end: Any = None
        self.index = 0
        self.last_end: Any = None
        self.origin: tuple[Any, Any] = (None, None)  # (end of its key or None, its start mark)


def _pos(mark: Any) -> Position:
    return Position(mark.line, mark.column)


class _Mark:
    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


class _BlockEnds:
    """Block scalars (``|``, ``>``) end, for Spectral, after their last non-blank line; libyaml's
    mark is after the line breaks."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.lines: list[str] | None = None

    def _text_lines(self) -> list[str]:
        if self.lines is None:
            self.lines = self.data.decode("utf-8", "replace").split("\n")
        return self.lines

    def end(self, start: Any, mark: Any) -> Any:
        lines = self._text_lines()
        header = lines[start.line][start.column : start.column + 3]
        if "+" in header:  # keep: every trailing line break belongs to the scalar
            return mark
        line = mark.line if mark.column else mark.line - 1
        while line > start.line and not lines[line].strip():
            line -= 1
        if line + 1 < mark.line:  # blank lines follow: the end is after the last line break
            return _Mark(line + 1, 0)
        return _Mark(line, len(lines[line].rstrip()))

    @staticmethod
    def root_start(mark: Any) -> Position:
        """@stoplight/yaml's quirk: a root that starts exactly on line 1 is reported at 0:0."""
        return Position(0, 0) if (mark.line, mark.column) == (1, 0) else _pos(mark)


def yaml_ranges(
    data: bytes, paths: list[JsonPath]
) -> tuple[dict[JsonPath, Range], list[KeyProblem]]:
    """Ranges of ``paths`` in YAML text, and the keys Spectral's parser refuses."""
    root_trie = _trie(paths)
    found: dict[JsonPath, Range] = {}
    problems: list[KeyProblem] = []
    frames: list[_YamlFrame] = []
    block = _BlockEnds(data)
    parser = _Parser(data)
    try:
        while True:
            event = parser.get_event()
            kind = type(event)
            if kind is ScalarEvent or kind is AliasEvent:
                top = frames[-1] if frames else None
                if top is not None and top.is_map and top.key is None:
                    _take_key(top, event, problems)
                    continue
                end = event.end_mark
                if kind is ScalarEvent and event.style in ("|", ">"):
                    end = block.end(event.start_mark, end)
                _value_done(frames, event.start_mark, end, found, root_trie)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                _open(frames, event, root_trie)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = frames.pop()
                end = frame.last_end if frame.last_end is not None else event.end_mark
                _close(frames, frame, end, found)
                if not frames and () in found:
                    found[()] = Range(block.root_start(frame.origin[1]), found[()].end)
            elif frames == [] and kind.__name__ == "StreamEndEvent":
                break
    except yaml.YAMLError:
        pass  # the loader has refused the document already; keep what was found
    finally:
        parser.dispose()
    return found, problems


def _take_key(top: _YamlFrame, event: Any, problems: list[KeyProblem]) -> None:
    text = event.value if isinstance(event, ScalarEvent) else event.anchor
    top.key = text
    top.key_end = event.end_mark
    if isinstance(event, ScalarEvent) and not event.style and event.tag is None:
        value = resolve_plain(text)
        if not isinstance(value, str) and value is not None:
            kind = "boolean" if isinstance(value, bool) else "number"
            problems.append(
                (
                    (*top.path, text),
                    f"Mapping key must be a string scalar rather than {kind}",
                    Range(_pos(event.start_mark), _pos(event.end_mark)),
                )
            )


def _child_slot(frames: list[_YamlFrame], root_trie: Trie) -> tuple[JsonPath, Trie | None, Any]:
    """(path, trie node, key end mark or None) of the value about to start."""
    if not frames:
        return (), root_trie, None
    top = frames[-1]
    key: str | int = top.key if top.is_map else top.index  # type: ignore[assignment]
    trie = top.trie.get(key) if top.trie is not None else None
    return (*top.path, key), trie, top.key_end if top.is_map else None


def _open(frames: list[_YamlFrame], event: Any, root_trie: Trie) -> None:
    path, trie, key_end = _child_slot(frames, root_trie)
    frame = _YamlFrame(isinstance(event, MappingStartEvent), path, trie)
    frame.origin = (key_end, event.start_mark)
    frames.append(frame)


def _close(frames: list[_YamlFrame], frame: _YamlFrame, end: Any, found: dict) -> None:
    key_end, start_mark = frame.origin
    if frame.trie is not None and _WANTED in frame.trie:
        if key_end is not None:
            start = Position(key_end.line, key_end.column + 1)
        else:
            start = _pos(start_mark)
        found[frame.path] = Range(start, _pos(end))
    if frames:
        _advance(frames[-1], end)


def _value_done(
    frames: list[_YamlFrame], start: Any, end: Any, found: dict, root_trie: Trie
) -> None:
    path, trie, _key_end = _child_slot(frames, root_trie)
    if trie is not None and _WANTED in trie:
        found[path] = Range(_pos(start), _pos(end))
    if frames:
        _advance(frames[-1], end)


def _advance(top: _YamlFrame, end: Any) -> None:
    top.last_end = end
    if top.is_map:
        top.key = None
    else:
        top.index += 1
