"""Writes a parsed JavaScript regular expression as a Python ``re`` pattern of the same meaning."""

from __future__ import annotations

import re

from .parser import (
    LINE_TERMINATORS,
    MAX_CODEPOINT,
    UNBOUNDED,
    WORD,
    Alternation,
    Anchor,
    Backref,
    CharClass,
    Group,
    Node,
    ParsedRegex,
    Repeat,
    Sequence,
)
from .safety import with_other_case

__all__ = ["to_python"]

# Python refuses repeat counts above this; JavaScript accepts them but no input is that long.
PYTHON_MAX_REPEAT = 4_294_967_294


def to_python(
    parsed: ParsedRegex,
    *,
    multiline: bool,
    dot_all: bool,
    ignore_case: bool = False,
    unicode: bool = False,
) -> tuple[str, int]:
    """The Python pattern and the ``re`` flags it needs.

    Without the ``u`` flag, JavaScript's ``i`` compares characters by their upper case, and
    never a non-ASCII character with an ASCII one: ``/k/i`` does not match the Kelvin sign,
    nor ``/[^a-z]/i`` miss the long s, where Python's ``re.IGNORECASE`` folds both into ASCII.
    A pattern whose characters are all ASCII (most are: Ajv's formats, ``^x-``) is then written
    with both cases of each letter spelled out and compiled without the flag: exact, and
    compiled in half the time (Ajv's ``uri`` format, the longest, 9.7 -> 4.1 ms, a cost every
    run that checks a URI pays). Others keep ``re.IGNORECASE``."""
    names = {name: f"g{index}_{_safe(name)}" for index, name in enumerate(parsed.group_names)}
    fold = ignore_case and not unicode and _ascii_foldable(parsed.root)
    emitter = _Emitter(names, multiline=multiline, dot_all=dot_all, fold=fold)
    flags = re.IGNORECASE if ignore_case and not fold else 0
    return emitter.emit(parsed.root), flags


def _ascii_foldable(root: Node) -> bool:
    """Whether every character the pattern names is ASCII, and it has no back-reference (a
    group's text matched again ignoring case cannot be spelled out)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, CharClass):
            if any(high > 0x7F for _, high in node.items):
                return False
        elif isinstance(node, Sequence):
            stack.extend(node.items)
        elif isinstance(node, Alternation):
            stack.extend(node.options)
        elif isinstance(node, Group | Repeat):
            stack.append(node.body)
        elif isinstance(node, Backref):
            return False
    return True


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() and c.isascii() else "_" for c in name)


class _Emitter:
    def __init__(
        self, names: dict[str, str], *, multiline: bool, dot_all: bool, fold: bool
    ) -> None:
        self.names = names
        self.multiline = multiline
        self.dot_all = dot_all
        self.fold = fold
        self.opened = 0
        self.closed: set[int | str] = set()

    def emit(self, node: Node) -> str:
        if isinstance(node, CharClass):
            return self.char_class(node)
        if isinstance(node, Sequence):
            return "".join(self.emit(item) for item in node.items)
        if isinstance(node, Alternation):
            return "|".join(self.emit(option) for option in node.options)
        if isinstance(node, Group):
            return self.group(node)
        if isinstance(node, Repeat):
            return self.repeat(node)
        if isinstance(node, Anchor):
            return self.anchor(node.kind)
        if isinstance(node, Backref):
            # JavaScript matches a reference to a group not closed yet with nothing; Python
            # refuses to compile it.
            key = node.name if node.name is not None else node.number
            if key not in self.closed:
                return "(?:)"
            if node.name is not None:
                return f"(?P={self.names[node.name]})"
            return f"(?:\\{node.number})"
        raise TypeError(f"unknown regex node {node!r}")

    def group(self, node: Group) -> str:
        if node.kind != "capture":
            return f"(?{node.kind}{self.emit(node.body)})"
        self.opened += 1
        number = self.opened
        body = self.emit(node.body)
        self.closed.add(number)
        if node.name is None:
            return f"({body})"
        self.closed.add(node.name)
        return f"(?P<{self.names[node.name]}>{body})"

    def repeat(self, node: Repeat) -> str:
        body = self.emit(node.body)
        if not isinstance(node.body, CharClass | Group):
            body = f"(?:{body})"
        low = min(node.min, PYTHON_MAX_REPEAT)
        if node.max == UNBOUNDED:
            quantifier = {0: "*", 1: "+"}.get(low, f"{{{low},}}")
        elif node.min == node.max:
            quantifier = f"{{{low}}}"
        elif (low, node.max) == (0, 1):
            quantifier = "?"
        else:
            quantifier = f"{{{low},{min(node.max, PYTHON_MAX_REPEAT)}}}"
        return body + quantifier + ("?" if node.lazy else "")

    def anchor(self, kind: str) -> str:
        terminators = _class_body(list(LINE_TERMINATORS))
        if kind == "^":
            return f"(?<![^{terminators}])" if self.multiline else "^"
        if kind == "$":
            return f"(?![^{terminators}])" if self.multiline else r"\Z"
        word = _class_body(list(WORD))
        boundary = f"(?:(?<=[{word}])(?![{word}])|(?<![{word}])(?=[{word}]))"
        if kind == "b":
            return boundary
        return f"(?:(?<=[{word}])(?=[{word}])|(?<![{word}])(?![{word}]))"

    def char_class(self, node: CharClass) -> str:
        if node.dot:
            if self.dot_all:
                return r"[\s\S]"
            return f"[^{_class_body(list(LINE_TERMINATORS))}]"
        if not node.items and not node.negated_items:
            # JavaScript's [] matches nothing and [^] matches any character.
            return r"[\s\S]" if node.negated else "(?!)"
        # \D, \S and \W need no other case: each holds both cases of a letter or neither.
        items = with_other_case(node.items) if self.fold else node.items
        parts = []
        if items:
            parts.append(f"[{_class_body(items)}]")
        parts.extend(f"[^{_class_body(list(ranges))}]" for ranges in node.negated_items)
        union = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        if not node.negated:
            return union
        if len(parts) == 1 and items:
            return f"[^{_class_body(items)}]"
        return f"(?:(?!{union})[\\s\\S])"


def _class_body(ranges: list[tuple[int, int]]) -> str:
    out = []
    for low, high in ranges:
        if low == high:
            out.append(_class_char(low))
        else:
            out.append(f"{_class_char(low)}-{_class_char(min(high, MAX_CODEPOINT))}")
    return "".join(out)


def _class_char(code: int) -> str:
    char = chr(code)
    if char.isascii() and char.isalnum():
        return char
    if code < 0x20 or code == 0x7F:
        return f"\\x{code:02x}"
    if char.isascii():
        return "\\" + char
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return char
