"""Source ranges of JSON paths in YAML text, read off the tape the loader recorded (see
``speclib.yamltape.Tape``), and the mapping keys Spectral's parser refuses (``200:`` is a
number). Conventions as in positions.py, whose ``yaml_ranges`` loads this module when a
document is YAML.

Only the containers on the wanted paths are read slot by slot; every other subtree is
skipped in one step, so placing a lint's findings costs next to nothing beside the load.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cached_property
from itertools import accumulate

from ..yamltape import Tape
from .positions import ASTRAL, WANTED, KeyProblem, Trie, path_trie
from .types import JsonPath, Position, Range

__all__ = ["tape_ranges"]

try:
    from ._positions import line_starts as _line_starts
except ImportError:  # not built (no C compiler at install): the Python reading below
    _line_starts = None

# libyaml's line breaks: CR LF, CR, LF, NEL, LS and PS.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_OTHER_BREAK_CHARACTERS = ("\r", "\x85", "\u2028", "\u2029")
_CONTAINERS = (Tape.MAPPING, Tape.SEQUENCE)


class _Text:
    """Character offsets (libyaml's mark indexes) to lines and columns, as libyaml counts
    them; and where block scalars end for Spectral. Columns are code points until ``utf16``
    turns them into JavaScript's UTF-16 units, as Spectral reports them."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.ascii = data.isascii()
        starts = _line_starts(data) if _line_starts is not None else None
        if starts is not None:  # compiled (_positions.c), from the bytes as they are
            self.starts: Sequence[int] = memoryview(starts).cast("I")
        else:
            self.starts = self.line_starts(self.text)

    @cached_property
    def text(self) -> str:
        """The decoded text (only columns on non-ASCII lines and block scalars need it)."""
        return self.data.decode("utf-8", "replace").removeprefix("\ufeff")

    @staticmethod
    def line_starts(text: str) -> list[int]:
        """Where each line starts (the reference for _positions.c's ``line_starts``)."""
        # the usual case: line feeds only (four substring searches, where one search of a
        # character class took ten times as long)
        if not any(other in text for other in _OTHER_BREAK_CHARACTERS):
            # each line's length plus its break, summed, at C speed (no Python call per line)
            starts = [0, *accumulate(map((1).__add__, map(len, text.split("\n"))))]
            starts.pop()  # the end of the text, not the start of a line
            return starts
        return [0, *(match.end() for match in _BREAK.finditer(text))]

    def position(self, offset: int) -> Position:
        line = bisect_right(self.starts, offset) - 1
        return Position(line, offset - self.starts[line])

    def utf16(self, where: Position) -> Position:
        """The column in UTF-16 units: a character beyond the BMP counts twice."""
        if self.ascii:
            return where
        line_start = self.starts[where.line]
        before = self.text[line_start : line_start + where.character]
        if before.isascii():
            return where
        return Position(where.line, where.character + len(ASTRAL.findall(before)))

    def range(self, start: Position, end: Position) -> Range:
        return Range(self.utf16(start), self.utf16(end))

    def block_end(self, start: Position, end: Position) -> Position:
        """Block scalars (``|``, ``>``) end, for Spectral, after their last non-blank line;
        libyaml's mark is after the line breaks."""
        header = self.line(start.line)[start.character : start.character + 3]
        if "+" in header:  # keep: every trailing line break belongs to the scalar
            return end
        line = end.line if end.character else end.line - 1
        while line > start.line and not self.line(line).strip():
            line -= 1
        if line + 1 < end.line:  # blank lines follow: the end is after the last line break
            return Position(line + 1, 0)
        return Position(line, len(self.line(line).rstrip()))

    def line(self, number: int) -> str:
        """The text of a line, its line break included."""
        starts = self.starts
        end = starts[number + 1] if number + 1 < len(starts) else len(self.text)
        return self.text[starts[number] : end]


class _Reader:
    def __init__(self, tape: Tape, data: bytes) -> None:
        self.tape = tape
        self.closes = dict(zip(tape.closes[::2], tape.closes[1::2], strict=True))
        self.text = _Text(data)
        self.found: dict[JsonPath, Range] = {}

    def start(self, slot: int) -> Position:
        return self.text.position(self.tape.marks[2 * slot])

    def end(self, slot: int) -> Position:
        end = self.text.position(self.tape.marks[2 * slot + 1])
        if self.tape.kinds[slot] == Tape.BLOCK:
            return self.text.block_end(self.start(slot), end)
        return end

    def after(self, slot: int) -> int:
        """The slot that follows the node at ``slot`` and its whole subtree."""
        if self.tape.kinds[slot] in _CONTAINERS:
            return self.closes[slot] + 1
        return slot + 1

    def last_end(self, close: int) -> Position:
        """Where the container closed at slot ``close`` ends for Spectral: where its last
        descendant value ends, or at its own closing mark if it is empty."""
        kinds = self.tape.kinds
        while True:
            previous = kinds[close - 1]
            if previous in _CONTAINERS:  # the container closed at ``close`` is empty
                return self.text.position(self.tape.marks[2 * close + 1])
            if previous != Tape.END:
                return self.end(close - 1)
            close -= 1  # its last child is a container: that one's last value

    def visit(self, slot: int, trie: Trie, path: JsonPath, key: int | None) -> None:
        """Record the wanted paths at and below the node at ``slot`` (``key``: the slot of the
        mapping key it is the value of)."""
        tape = self.tape
        kind = tape.kinds[slot]
        if kind not in _CONTAINERS:
            if WANTED in trie:
                # A scalar that is the whole document runs to the end of the text for
                # Spectral's YAML parser, trailing comments and line breaks included.
                end = self.text.position(len(self.text.text)) if not path else self.end(slot)
                self.found[path] = self.text.range(self.start(slot), end)
            return
        close = self.closes[slot]
        children = {name: sub for name, sub in trie.items() if name is not WANTED}
        child, index = slot + 1, 0
        while children and child < close:
            if kind == Tape.MAPPING:
                name: str | int = tape.key_texts[bisect_left(tape.key_slots, child)]
                child += 1  # the value
            else:
                name = index
                index += 1
            sub = children.pop(name, None)
            if sub is not None:
                self.visit(child, sub, (*path, name), child - 1 if kind == Tape.MAPPING else None)
            child = self.after(child)
        if WANTED in trie:
            if key is not None:  # the value of a key starts just after the key's colon
                key_end = self.text.position(tape.marks[2 * key + 1])
                start = Position(key_end.line, key_end.character + 1)
            elif not path and self.start(slot) == Position(1, 0):
                start = Position(0, 0)  # @stoplight/yaml's quirk for a root on line 1
            else:
                start = self.start(slot)
            self.found[path] = self.text.range(start, self.last_end(close))


def tape_ranges(
    tape: Tape, data: bytes, paths: list[JsonPath]
) -> tuple[dict[JsonPath, Range], list[KeyProblem]]:
    """Ranges of ``paths`` in the YAML text ``data`` the tape was recorded from, and the keys
    Spectral's parser refuses."""
    if not paths and not tape.key_problems:
        return {}, []
    reader = _Reader(tape, data)
    if paths and tape.kinds:
        reader.visit(0, path_trie(paths), (), None)
    problems: list[KeyProblem] = [
        (
            path,
            f"Mapping key must be a string scalar rather than {kind}",
            reader.text.range(reader.text.position(start), reader.text.position(end)),
        )
        for path, kind, start, end in tape.key_problems
    ]
    return reader.found, problems
