"""Finds regular expressions that backtrack catastrophically, so they are refused up front.

Python's ``re`` has no time-out, so a pattern such as ``(a+)+$`` could hold a worker for hours
on a short input. A repeated group is ambiguous, and so exponential on a failing input, when a
repetition inside it can give characters to the next round of the group: its characters can
both end one round and start the next (``(a+)+``, ``(\\w+\\s?)+``, ``(\\d+\\.?)*``). Groups whose
rounds are delimited (``([a-z]+-)*``, ``(,\\s*\\w+)*``) stay linear and are accepted. Alternatives
that can start with the same single character inside a repetition (``(a|a)*``, ``(\\d|\\w)+``) and
repeated bodies that can match nothing (``(a*)*``) are refused as well, and so are three or more
repetitions in a row over the same characters (``.*a.*b.*c``), whose cost is polynomial of
that degree.
"""

from __future__ import annotations

from typing import NamedTuple

from .parser import (
    MAX_CODEPOINT,
    UNBOUNDED,
    Alternation,
    Anchor,
    Backref,
    CharClass,
    Group,
    Node,
    Repeat,
    Sequence,
)

__all__ = ["unsafe_reason", "with_other_case"]

ANY = ((0, MAX_CODEPOINT),)
# A bounded repetition with more rounds than this is treated like an unbounded one.
LOOP_THRESHOLD = 10
# This many overlapping repetitions in a row make matching polynomial of that degree.
CHAIN_LIMIT = 3

Ranges = tuple[tuple[int, int], ...]


class _Info(NamedTuple):
    nullable: bool
    first: Ranges  # characters a match can start with
    last: Ranges  # characters a match can end with
    loops: Ranges  # characters consumed by repetitions anywhere inside


def unsafe_reason(root: Node, *, ignore_case: bool) -> str | None:
    """Why the pattern may backtrack catastrophically, or None when it is considered safe."""
    checker = _Checker(ignore_case=ignore_case)
    checker.info(root)
    return checker.reason


class _Checker:
    def __init__(self, *, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.reason: str | None = None

    def info(self, node: Node) -> _Info:
        if isinstance(node, CharClass):
            chars = self.chars(node)
            return _Info(False, chars, chars, ())
        if isinstance(node, Anchor):
            return _Info(True, (), (), ())
        if isinstance(node, Backref):
            # It repeats a string fixed by then: any characters, but no choice to backtrack.
            return _Info(True, ANY, ANY, ())
        if isinstance(node, Group):
            body = self.info(node.body)
            if node.kind in ("=", "!", "<=", "<!"):
                return _Info(True, (), (), body.loops)
            return body
        if isinstance(node, Sequence):
            infos = [self.info(item) for item in node.items]
            if self.reason is None:
                self.reason = self.chained(node.items, infos)
            return self.sequence(infos)
        if isinstance(node, Alternation):
            return self.alternation(node)
        if isinstance(node, Repeat):
            return self.repeat(node)
        raise TypeError(f"unknown regex node {node!r}")

    def sequence(self, infos: list[_Info]) -> _Info:
        first: Ranges = ()
        for info in infos:
            first = _union(first, info.first)
            if not info.nullable:
                break
        last: Ranges = ()
        for info in reversed(infos):
            last = _union(last, info.last)
            if not info.nullable:
                break
        loops: Ranges = ()
        for info in infos:
            loops = _union(loops, info.loops)
        return _Info(all(info.nullable for info in infos), first, last, loops)

    def chained(self, items: list[Node], infos: list[_Info]) -> str | None:
        """Three or more repetitions in a row that can all take the same characters (``.*a.*b.*``):
        a failing match tries every way to share the input among them, a polynomial of that
        degree."""
        common: Ranges = ()
        loops = 0
        for item, info in zip(items, infos, strict=True):
            chars = _union(info.first, info.last)
            if _looping(item):
                common = chars if loops == 0 else _intersection(common, chars)
                loops = loops + 1 if common else 1
                if not common:
                    common = chars
                if loops >= CHAIN_LIMIT:
                    return "several repetitions in a row can match the same characters"
            elif loops and not (info.nullable or _within(chars, common)):
                common, loops = (), 0
        return None

    def alternation(self, node: Alternation) -> _Info:
        infos = [self.info(option) for option in node.options]
        nullable, first, last, loops = False, (), (), ()
        for info in infos:
            nullable = nullable or info.nullable
            first, last = _union(first, info.first), _union(last, info.last)
            loops = _union(loops, info.loops)
        return _Info(nullable, first, last, loops)

    def repeat(self, node: Repeat) -> _Info:
        body = self.info(node.body)
        looping = node.max == UNBOUNDED or node.max > LOOP_THRESHOLD
        if looping and self.reason is None:
            self.reason = self.ambiguity(node.body, body)
        loops = _union(body.loops, body.first) if looping else body.loops
        if looping:
            loops = _union(loops, body.last)
        return _Info(node.min == 0 or body.nullable, body.first, body.last, loops)

    def ambiguity(self, body_node: Node, body: _Info) -> str | None:
        if body.nullable and body.loops:
            return "a repeated group that can match nothing contains a repetition"
        inner = body.loops
        if _intersects(inner, body.last) and _intersects(inner, body.first):
            return "nested repetitions can match the same characters"
        options = _options(body_node)
        singles = [self.info(option).first for option in options if _single(option)]
        for index, chars in enumerate(singles):
            if any(_intersects(chars, other) for other in singles[index + 1 :]):
                return "repeated alternatives can match the same character"
        return None

    def chars(self, node: CharClass) -> Ranges:
        if node.dot:
            return ANY
        ranges = _normalize(node.items)
        for negated in node.negated_items:
            ranges = _union(ranges, _complement(_normalize(list(negated))))
        if self.ignore_case:
            ranges = with_other_case(ranges)
        if node.negated:
            ranges = _complement(ranges)
        return ranges


def _looping(node: Node) -> bool:
    return isinstance(node, Repeat) and (node.max == UNBOUNDED or node.max > LOOP_THRESHOLD)


def _intersection(a: Ranges, b: Ranges) -> Ranges:
    out = []
    for low_a, high_a in a:
        for low_b, high_b in b:
            low, high = max(low_a, low_b), min(high_a, high_b)
            if low <= high:
                out.append((low, high))
    return _normalize(out)


def _within(inner: Ranges, outer: Ranges) -> bool:
    """Whether every character of ``inner`` is in ``outer``."""
    return bool(inner) and _intersection(inner, outer) == _normalize(inner)


def _options(node: Node) -> list[Node]:
    while isinstance(node, Group) and node.kind in ("capture", ":"):
        node = node.body
    return node.options if isinstance(node, Alternation) else []


def _single(node: Node) -> bool:
    """An alternative made of one character class, possibly repeated."""
    while isinstance(node, Group | Repeat) and not (
        isinstance(node, Group) and node.kind not in ("capture", ":")
    ):
        node = node.body
    return isinstance(node, CharClass)


def _normalize(ranges: list[tuple[int, int]] | Ranges) -> Ranges:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _union(a: Ranges, b: Ranges) -> Ranges:
    if not a:
        return b
    if not b:
        return a
    return _normalize(list(a) + list(b))


def _complement(ranges: Ranges) -> Ranges:
    out, start = [], 0
    for low, high in ranges:
        if low > start:
            out.append((start, low - 1))
        start = high + 1
    if start <= MAX_CODEPOINT:
        out.append((start, MAX_CODEPOINT))
    return tuple(out)


def _intersects(a: Ranges, b: Ranges) -> bool:
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i][1] < b[j][0]:
            i += 1
        elif b[j][1] < a[i][0]:
            j += 1
        else:
            return True
    return False


def with_other_case(ranges: Ranges | list[tuple[int, int]]) -> Ranges | list[tuple[int, int]]:
    """``ranges`` and the other case of the ASCII letters among them (merged, when any)."""
    extra = []
    for low, high in ranges:
        for lo_letter, hi_letter, shift in ((0x41, 0x5A, 0x20), (0x61, 0x7A, -0x20)):
            overlap_low, overlap_high = max(low, lo_letter), min(high, hi_letter)
            if overlap_low <= overlap_high:
                extra.append((overlap_low + shift, overlap_high + shift))
    return _union(ranges, _normalize(extra)) if extra else ranges
