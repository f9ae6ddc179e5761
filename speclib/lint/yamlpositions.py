"""Source ranges of JSON paths in YAML text, from libyaml's event stream (one pass, with
marks), and the mapping keys Spectral's parser refuses (``200:`` is a number). Conventions as
in positions.py, whose ``yaml_ranges`` loads this module when a document is YAML.
"""

from __future__ import annotations

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
from .positions import WANTED, KeyProblem, Trie, path_trie
from .types import JsonPath, Position, Range

try:
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - the locked PyYAML wheel ships LibYAML
    _Parser = yaml.SafeLoader

__all__ = ["yaml_ranges"]


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
    root_trie = path_trie(paths)
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
    if frame.trie is not None and WANTED in frame.trie:
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
    if trie is not None and WANTED in trie:
        found[path] = Range(_pos(start), _pos(end))
    if frames:
        _advance(frames[-1], end)


def _advance(top: _YamlFrame, end: Any) -> None:
    top.last_end = end
    if top.is_map:
        top.key = None
    else:
        top.index += 1
