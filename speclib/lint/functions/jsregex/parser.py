"""A parser for JavaScript regular expressions (ECMAScript with the web-compatibility annex).

It produces a small syntax tree that ``emit`` turns into an equivalent Python pattern and
``safety`` inspects for catastrophic backtracking. Only what Python's ``re`` cannot read as is
needs care: ``\\d``/``\\w`` are ASCII in JavaScript, ``$`` ignores a final newline, ``.`` stops at
every line terminator, groups are named ``(?<name>)``, ``[^]`` matches anything.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "Alternation",
    "Anchor",
    "Backref",
    "CharClass",
    "Group",
    "Node",
    "RegexSyntaxError",
    "Repeat",
    "Sequence",
    "parse",
]

MAX_CODEPOINT = 0x10FFFF
UNBOUNDED = -1
LINE_TERMINATORS = ((0x0A, 0x0A), (0x0D, 0x0D), (0x2028, 0x2029))
DIGITS = ((0x30, 0x39),)
WORD = ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A))
SPACES = (
    (0x09, 0x0D),
    (0x20, 0x20),
    (0xA0, 0xA0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
    (0xFEFF, 0xFEFF),
)
CLASS_ESCAPES = {"d": DIGITS, "w": WORD, "s": SPACES}
CONTROL_ESCAPES = {"t": 0x09, "n": 0x0A, "v": 0x0B, "f": 0x0C, "r": 0x0D}


class RegexSyntaxError(ValueError):
    """The pattern is not a valid JavaScript regular expression."""


class Node:
    """A piece of a regular expression."""

    __slots__ = ()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class CharClass(Node):
    """A set of characters: ``items`` are ranges, ``negated_items`` are ranges of ``[^...]``
    escapes inside a class (``[\\D]``), and ``negated`` is the class's own ``^``."""

    __slots__ = ("dot", "items", "negated", "negated_items")

    def __init__(
        self,
        items: list[tuple[int, int]] | None = None,
        negated_items: list[tuple[tuple[int, int], ...]] | None = None,
        negated: bool = False,
        dot: bool = False,  # '.', kept apart so that the dotAll flag can decide
    ) -> None:
        self.items = items if items is not None else []
        self.negated_items = negated_items if negated_items is not None else []
        self.negated = negated
        self.dot = dot


class Anchor(Node):
    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "^", "$", "b", "B"


class Backref(Node):
    __slots__ = ("name", "number")

    def __init__(self, number: int | None = None, name: str | None = None) -> None:
        self.number = number
        self.name = name


class Group(Node):
    __slots__ = ("body", "kind", "name")

    def __init__(self, body: Node, kind: str = ":", name: str | None = None) -> None:
        self.body = body
        self.kind = kind  # "capture", ":", "=", "!", "<=", "<!"
        self.name = name


class Repeat(Node):
    __slots__ = ("body", "lazy", "max", "min")

    def __init__(self, body: Node, min: int, max: int, lazy: bool = False) -> None:
        self.body = body
        self.min = min
        self.max = max  # UNBOUNDED for no upper limit
        self.lazy = lazy


class Sequence(Node):
    __slots__ = ("items",)

    def __init__(self, items: list[Node]) -> None:
        self.items = items


class Alternation(Node):
    __slots__ = ("options",)

    def __init__(self, options: list[Node]) -> None:
        self.options = options


class ParsedRegex(NamedTuple):
    root: Node
    group_count: int
    group_names: list[str]


def parse(source: str, *, unicode: bool = False) -> ParsedRegex:
    parser = _Parser(source, unicode=unicode)
    return parser.run()


class _Parser:
    def __init__(self, source: str, *, unicode: bool) -> None:
        self.source = source
        self.pos = 0
        self.unicode = unicode
        self.group_count = _count_groups(source)
        self.group_names: list[str] = []
        self.has_named_groups = "(?<" in source.replace("(?<=", "").replace("(?<!", "")

    def run(self) -> ParsedRegex:
        root = self.disjunction()
        if self.pos < len(self.source):
            raise RegexSyntaxError("Unmatched ')'")
        return ParsedRegex(root, self.group_count, self.group_names)

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.source[index] if index < len(self.source) else ""

    def disjunction(self) -> Node:
        options = [self.alternative()]
        while self.peek() == "|":
            self.pos += 1
            options.append(self.alternative())
        return options[0] if len(options) == 1 else Alternation(options)

    def alternative(self) -> Node:
        items: list[Node] = []
        while self.pos < len(self.source) and self.peek() not in "|)":
            items.append(self.term())
        return items[0] if len(items) == 1 else Sequence(items)

    def term(self) -> Node:
        char = self.peek()
        if char in "^$":
            self.pos += 1
            return self.no_quantifier(Anchor(char))
        if char == "\\" and self.peek(1) in ("b", "B"):
            self.pos += 2
            return self.no_quantifier(Anchor(self.source[self.pos - 1]))
        atom = self.atom()
        return self.quantified(atom)

    def no_quantifier(self, node: Node) -> Node:
        if self.peek() in ("*", "+", "?") or (self.peek() == "{" and self.read_braces(peek=True)):
            raise RegexSyntaxError("Nothing to repeat")
        return node

    def quantified(self, atom: Node) -> Node:
        char = self.peek()
        if char == "*":
            bounds = (0, UNBOUNDED)
        elif char == "+":
            bounds = (1, UNBOUNDED)
        elif char == "?":
            bounds = (0, 1)
        elif char == "{":
            braces = self.read_braces(peek=False)
            if braces is None:
                return atom
            bounds = braces
            self.pos -= 1
        else:
            return atom
        self.pos += 1
        lazy = self.peek() == "?"
        if lazy:
            self.pos += 1
        if isinstance(atom, Group) and atom.kind in ("<=", "<!"):
            raise RegexSyntaxError("Invalid quantifier on a lookbehind")
        return Repeat(atom, bounds[0], bounds[1], lazy)

    def read_braces(self, *, peek: bool) -> tuple[int, int] | None:
        """``{n}``, ``{n,}`` or ``{n,m}`` at the cursor; a brace that is not one is a literal."""
        end = self.source.find("}", self.pos)
        if end < 0:
            return None
        inside = self.source[self.pos + 1 : end]
        low, comma, high = inside.partition(",")
        if not low.isdigit() or not low.isascii() or (high and not high.isdigit()):
            return None
        bounds = (int(low), int(high) if high else (UNBOUNDED if comma else int(low)))
        if bounds[1] != UNBOUNDED and bounds[1] < bounds[0]:
            raise RegexSyntaxError("numbers out of order in {} quantifier")
        if not peek:
            self.pos = end + 1
        return bounds

    def atom(self) -> Node:
        char = self.peek()
        if char == "(":
            return self.group()
        if char == ".":
            self.pos += 1
            return CharClass(dot=True)
        if char == "[":
            return self.char_class()
        if char == "\\":
            return self.atom_escape()
        if char in "*+?":
            raise RegexSyntaxError("Nothing to repeat")
        if char == "{" and self.read_braces(peek=True):
            raise RegexSyntaxError("Nothing to repeat")
        self.pos += 1
        return _literal(ord(char))

    def group(self) -> Node:
        self.pos += 1
        kind, name = "capture", None
        if self.peek() == "?":
            marker = self.source[self.pos + 1 : self.pos + 3]
            if marker[:1] in (":", "=", "!"):
                kind = marker[:1]
                self.pos += 2
            elif marker in ("<=", "<!"):
                kind = marker
                self.pos += 3
            elif marker[:1] == "<":
                end = self.source.find(">", self.pos)
                if end < 0:
                    raise RegexSyntaxError("Invalid capture group name")
                name = self.source[self.pos + 2 : end]
                if not name or not all(c.isalnum() or c in "_$" for c in name):
                    raise RegexSyntaxError("Invalid capture group name")
                if name in self.group_names:
                    raise RegexSyntaxError("Duplicate capture group name")
                self.group_names.append(name)
                self.pos = end + 1
            else:
                raise RegexSyntaxError("Invalid group")
        body = self.disjunction()
        if self.peek() != ")":
            raise RegexSyntaxError("Unterminated group")
        self.pos += 1
        return Group(body, kind, name)

    def atom_escape(self) -> Node:
        self.pos += 1
        if self.pos >= len(self.source):
            raise RegexSyntaxError("\\ at end of pattern")
        char = self.source[self.pos]
        lower = char.lower()
        if lower in CLASS_ESCAPES:
            self.pos += 1
            ranges = CLASS_ESCAPES[lower]
            if char.isupper():
                return CharClass(items=list(ranges), negated=True)
            return CharClass(items=list(ranges))
        if char.isdigit() and char != "0":
            return self.backref_or_octal()
        if char == "k" and self.has_named_groups:
            end = self.source.find(">", self.pos)
            if self.peek(1) != "<" or end < 0:
                raise RegexSyntaxError("Invalid named reference")
            name = self.source[self.pos + 2 : end]
            self.pos = end + 1
            return Backref(name=name)
        return _literal(self.character_escape(in_class=False))

    def backref_or_octal(self) -> Node:
        digits = ""
        while self.peek().isdigit() and self.peek().isascii():
            digits += self.peek()
            self.pos += 1
        if int(digits) <= self.group_count:
            return Backref(number=int(digits))
        # Annex B: a reference to a group that does not exist is an octal escape.
        self.pos -= len(digits)
        octal = ""
        while self.peek() in "01234567" and self.peek() and len(octal) < 3:
            octal += self.peek()
            self.pos += 1
        if not octal:
            self.pos += 1
            return _literal(ord(digits[0]))
        return _literal(int(octal, 8) & 0xFF)

    def character_escape(self, *, in_class: bool) -> int:
        """The code point of an escape such as ``\\n``, ``\\x41`` or ``\\u00e9`` (cursor on it)."""
        char = self.source[self.pos]
        self.pos += 1
        if char in CONTROL_ESCAPES:
            return CONTROL_ESCAPES[char]
        if char == "0" and not (self.peek().isdigit() and self.peek().isascii()):
            return 0
        if char in "01234567" and in_class:
            octal = char
            while self.peek() in "01234567" and self.peek() and len(octal) < 3:
                octal += self.peek()
                self.pos += 1
            return int(octal, 8) & 0xFF
        if char == "c" and self.peek().isascii() and self.peek().isalpha():
            self.pos += 1
            return ord(self.source[self.pos - 1]) % 32
        if char == "x":
            return self.hex_escape(2, "x")
        if char == "u":
            if self.unicode and self.peek() == "{":
                end = self.source.find("}", self.pos)
                text = self.source[self.pos + 1 : end] if end > 0 else ""
                if not text or not _is_hex(text) or int(text, 16) > MAX_CODEPOINT:
                    raise RegexSyntaxError("Invalid Unicode escape")
                self.pos = end + 1
                return int(text, 16)
            return self.hex_escape(4, "u")
        if in_class and char == "b":
            return 0x08
        if in_class and char == "-":
            return ord("-")
        return ord(char)  # an identity escape: the character itself

    def hex_escape(self, length: int, letter: str) -> int:
        text = self.source[self.pos : self.pos + length]
        if len(text) == length and _is_hex(text):
            self.pos += length
            return int(text, 16)
        if self.unicode:
            raise RegexSyntaxError(f"Invalid escape \\{letter}")
        return ord(letter)

    def char_class(self) -> Node:
        self.pos += 1
        node = CharClass()
        if self.peek() == "^":
            node.negated = True
            self.pos += 1
        while True:
            if self.pos >= len(self.source):
                raise RegexSyntaxError("Unterminated character class")
            if self.peek() == "]":
                self.pos += 1
                return node
            start = self.class_atom(node)
            if start is None:
                continue
            if self.peek() == "-" and self.peek(1) not in ("]", ""):
                self.pos += 1
                end = self.class_atom(node)
                if end is None:
                    # A range to a class escape (``a-\\d``) is a literal hyphen in Annex B.
                    node.items.append((start, start))
                    node.items.append((ord("-"), ord("-")))
                    continue
                if end < start:
                    raise RegexSyntaxError("Range out of order in character class")
                node.items.append((start, end))
            else:
                node.items.append((start, start))

    def class_atom(self, node: CharClass) -> int | None:
        """One member of a class: its code point, or None for a class escape (added to node)."""
        char = self.peek()
        if char != "\\":
            self.pos += 1
            return ord(char)
        self.pos += 1
        if self.pos >= len(self.source):
            raise RegexSyntaxError("\\ at end of pattern")
        escaped = self.peek()
        if escaped.lower() in CLASS_ESCAPES:
            self.pos += 1
            ranges = CLASS_ESCAPES[escaped.lower()]
            if escaped.isupper():
                node.negated_items.append(ranges)
            else:
                node.items.extend(ranges)
            return None
        return self.character_escape(in_class=True)


def _literal(code: int) -> CharClass:
    return CharClass(items=[(code, code)])


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def _count_groups(source: str) -> int:
    """Capturing groups in the pattern (needed before parsing to tell ``\\1`` from octal)."""
    count, index, in_class = 0, 0, False
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(" and (
            not source.startswith("?", index + 1)
            or (source.startswith("?<", index + 1) and source[index + 3 : index + 4] not in "=!")
        ):
            count += 1
        index += 1
    return count
