"""Filter expressions of Spectral's JSONPath (``[?(@.type == 'array')]``), without JavaScript.

An expression is parsed into a small tree, checked, and compiled into a Python function of
the candidate node (``@``), its key (``@property``), its parent and the parent's key, the
path and the root. Only the JavaScript that rulesets actually write is understood: member
access, comparisons, ``!``/``&&``/``||``, ``typeof``, ``void 0``, regular expression literals
and a few methods (``match``, ``test``, ``includes``, ``startsWith``...). Anything else is a
``FilterError``, reported as a bad ruleset rather than guessed at.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Filter", "FilterError", "compile_filter"]


class FilterError(ValueError):
    """An expression outside the supported JavaScript subset."""


_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
    | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
    | (?P<var>@[A-Za-z]*|\$(?![\w$]))
    | (?P<name>[A-Za-z_$][\w$]*)
    | (?P<op>===|!==|==|!=|<=|>=|=~|&&|\|\||[<>!().\[\],+\-/])
    )""",
    re.VERBOSE,
)
_REGEX_LITERAL = re.compile(r"/((?:[^/\\\[\n]|\\.|\[(?:[^\]\\\n]|\\.)*\])+)/([a-z]*)")
_VARIABLES = {
    "@": "v",
    "@property": "k",
    "@parent": "p",
    "@parentProperty": "pk",
    "@path": "_path_text(path)",
    "@root": "root",
    "$": "root",
}
_METHODS = frozenset(
    {"match", "test", "includes", "startsWith", "endsWith", "indexOf", "toLowerCase",
     "toUpperCase", "trim"}
)  # fmt: skip
_COMPARISONS = {"===": 1, "!==": 1, "==": 1, "!=": 1, "<": 2, "<=": 2, ">": 2, ">=": 2, "=~": 1}


# The expression tree: tuples keep it small and hashable.
# ("lit", value) ("var", code) ("get", obj, name_node) ("call", obj, method, args)
# ("not", x) ("typeof", x) ("and", a, b) ("or", a, b) ("cmp", op, a, b) ("regex", source, flags)
# ("global", "Array.isArray", args) ("neg", x) ("add", a, b) ("sub", a, b)
Node = tuple


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.peeked: tuple[str, str] | None = None

    def error(self, problem: str) -> FilterError:
        return FilterError(f"{problem} in filter expression `{self.text}`")

    def peek(self) -> tuple[str, str]:
        if self.peeked is None:
            self.peeked = self._next()
        return self.peeked

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.peeked = None
        return token

    def _next(self) -> tuple[str, str]:
        text = self.text
        while self.pos < len(text) and text[self.pos].isspace():
            self.pos += 1
        if self.pos >= len(text):
            return ("end", "")
        match = _TOKEN.match(text, self.pos)
        if match is None:
            raise self.error(f"unexpected character {text[self.pos]!r}")
        self.pos = match.end()
        kind = match.lastgroup or "op"
        return (kind, match.group(kind))

    def expect(self, op: str) -> None:
        kind, value = self.take()
        if value != op or kind not in ("op", "name"):
            raise self.error(f"expected {op!r} but found {value or 'the end'!r}")

    def parse(self) -> Node:
        node = self.expression(0)
        if self.peek()[0] != "end":
            raise self.error(f"unexpected {self.peek()[1]!r}")
        return node

    def expression(self, min_level: int) -> Node:
        left = self.unary()
        while True:
            kind, op = self.peek()
            level = {"||": 1, "&&": 2, "+": 4, "-": 4}.get(op, 3 if op in _COMPARISONS else 0)
            if kind != "op" or level == 0 or level <= min_level:
                return left
            self.take()
            right = self.expression(level)
            if op == "||":
                left = ("or", left, right)
            elif op == "&&":
                left = ("and", left, right)
            elif op in ("+", "-"):
                left = ("add" if op == "+" else "sub", left, right)
            else:
                left = ("cmp", op, left, right)

    def unary(self) -> Node:
        kind, value = self.peek()
        if kind == "op" and value == "!":
            self.take()
            return ("not", self.unary())
        if kind == "op" and value == "-":
            self.take()
            return ("neg", self.unary())
        if kind == "name" and value == "typeof":
            self.take()
            return ("typeof", self.unary())
        if kind == "name" and value == "void":
            self.take()
            self.unary()
            return ("lit", _UNDEF)
        return self.postfix(self.primary())

    def primary(self) -> Node:
        kind, value = self.peek()
        if kind == "op" and value == "/":
            return self.regex_literal()
        self.take()
        if kind == "num":
            number = float(value)
            return ("lit", int(number) if number.is_integer() and "." not in value else number)
        if kind == "str":
            return ("lit", _unquote(value))
        if kind == "var":
            if value not in _VARIABLES:
                raise self.error(f"unknown variable {value}")
            return ("var", _VARIABLES[value])
        if kind == "name":
            return self.name(value)
        if kind == "op" and value == "(":
            node = self.expression(0)
            self.expect(")")
            return node
        raise self.error(f"unexpected {value or 'end of expression'!r}")

    def name(self, value: str) -> Node:
        constants = {"true": True, "false": False, "null": None, "undefined": _UNDEF}
        if value in constants:
            return ("lit", constants[value])
        if value == "Array" and self.peek()[1] == ".":
            self.take()
            method = self.take()[1]
            if method != "isArray":
                raise self.error(f"unsupported function Array.{method}")
            return ("global", "isArray", tuple(self.arguments()))
        raise self.error(f"unsupported name {value!r}")

    def regex_literal(self) -> Node:
        # The tokenizer has consumed "/"; re-scan the literal from the slash itself.
        start = self.text.rfind("/", 0, self.pos)
        match = _REGEX_LITERAL.match(self.text, start)
        if match is None:
            raise self.error("unterminated regular expression")
        self.peeked = None
        self.pos = match.end()
        return ("regex", match.group(1), match.group(2))

    def postfix(self, node: Node) -> Node:
        while True:
            kind, value = self.peek()
            if kind != "op" or value not in (".", "["):
                return node
            self.take()
            if value == "[":
                key = self.expression(0)
                self.expect("]")
                node = ("get", node, key)
                continue
            kind, member = self.take()
            if kind not in ("name", "var") or member.startswith("@"):
                raise self.error(f"expected a property name after '.', found {member!r}")
            if self.peek() == ("op", "("):
                if member not in _METHODS:
                    raise self.error(f"unsupported method .{member}()")
                node = ("call", node, member, tuple(self.arguments()))
            else:
                node = ("get", node, ("lit", member))

    def arguments(self) -> list[Node]:
        self.expect("(")
        args: list[Node] = []
        if self.peek() == ("op", ")"):
            self.take()
            return args
        while True:
            args.append(self.expression(0))
            kind, value = self.take()
            if value == ")":
                return args
            if value != ",":
                raise self.error(f"expected ',' or ')' but found {value!r}")


def _unquote(literal: str) -> str:
    body = literal[1:-1]
    if "\\" not in body:
        return body
    escapes = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)",
        lambda m: chr(int(m[1][1:], 16)) if len(m[1]) > 1 else escapes.get(m[1], m[1]),
        body,
    )


class _UndefinedLiteral:
    def __repr__(self) -> str:
        return "UNDEF"


_UNDEF: Any = _UndefinedLiteral()  # replaced by the runtime's UNDEFINED when compiled


class Filter:
    """A compiled filter: ``test(v, k, p, pk, path, root)`` and the cheap pre-checks it implies.

    ``keys``: when not None, the node can only pass if it is a mapping holding one of these keys.
    ``more_keys``: further sets of keys, of each of which the mapping must hold one as well
    (``@.schema && (@.example || @.examples)`` needs "schema" and one of the other two).
    ``values``: (member, strings) pairs: a member that holds a string passes only if it is one
    of these (``@.type == "array"``); one that holds anything else is left to the test, since
    JavaScript's ``==`` converts.
    ``properties``: when not None, the node's own key must be one of these.
    The walk checks these with a few dictionary lookups and calls ``test`` only on the nodes
    that pass them: most candidates fail them (``@.type == "array"`` on every typed schema).
    (A slotted class: the walk reads these for every candidate node, and slots are read
    fastest.)
    """

    __slots__ = (
        "conditions", "keys", "more_keys", "properties", "test", "text", "uses_path", "values",
    )  # fmt: skip

    def __init__(
        self,
        text: str,
        test: Any,
        keys: frozenset[str] | None,
        properties: frozenset[str] | None,
        uses_path: bool,
        more_keys: tuple[frozenset[str], ...] = (),
        values: tuple[tuple[str, frozenset[str]], ...] = (),
    ) -> None:
        self.text = text
        self.test = test
        self.keys = keys
        self.more_keys = more_keys
        self.values = values
        self.properties = properties
        self.uses_path = uses_path
        # The expression as simple conditions on an object node, for the compiled walk to
        # evaluate itself (see _conditions), or None.
        self.conditions: tuple[tuple[int, Any], ...] | None = None

    def passes_prechecks(self, node: Any) -> bool:
        """Whether ``node`` passes the cheap checks above."""
        if self.keys is None:
            return True
        if type(node) is not dict or node.keys().isdisjoint(self.keys):
            return False
        if any(node.keys().isdisjoint(keys) for keys in self.more_keys):
            return False
        for member, allowed in self.values:
            held = node.get(member)
            if type(held) is str and held not in allowed:
                return False
        return True

    def __repr__(self) -> str:
        return f"Filter({self.text!r})"


def compile_filter(text: str) -> Filter:
    """Parse, check and compile one filter expression (the text inside ``[?( )]``)."""
    tree = _Parser(text).parse()
    from .runtime import NAMESPACE  # the helpers the generated code calls

    emitter = _Emitter()
    code = emitter.boolean(tree)
    source = f"lambda v, k, p, pk, path, root: {code}"
    namespace = {**NAMESPACE, **emitter.constants}

    def first_test(*args: Any) -> bool:
        # Python's compile() runs on the filter's first use: the walk decides most candidates
        # with the pre-checks and conditions alone, and compiling every filter of spectral:oas
        # up front was a third of building it, in every run of the command line.
        compiled.test = _generated_test(text, source, namespace)
        return compiled.test(*args)

    groups = _required_key_groups(tree)
    compiled = Filter(
        text=text,
        test=first_test,
        keys=groups[0] if groups else None,
        more_keys=groups[1:],
        values=tuple(_required_values(tree).items()) if groups else (),
        properties=_required_properties(tree),
        uses_path="_path_text(path)" in code,
    )
    compiled.conditions = _conditions(tree)
    return compiled


def _generated_test(text: str, source: str, namespace: dict[str, Any]) -> Any:
    from .runtime import NAMESPACE  # noqa: PLC0415 - loaded with compile_filter already

    try:
        function = eval(  # noqa: S307 - our own generated code over a closed vocabulary
            compile(source, "<jsonpath-filter>", "eval"), namespace
        )
    except SyntaxError as exc:  # pragma: no cover - the emitter only writes valid Python
        raise FilterError(f"cannot compile filter expression `{text}`: {exc}") from None
    return NAMESPACE["_guarded"](function)


# What the compiled walk (_walk.c) evaluates itself on a node that is an object, instead of
# calling the test: a conjunction of these, each (code, argument). On an object they give what
# the generated code gives (it cannot fail there); on anything else the walk calls the test,
# unless every condition reads the key only.
TRUTHY = 0  # @ (an object is truthy)
MEMBER_TRUTHY = 1  # @.name, truthy as JavaScript has it
KEY_IS_NOT = 2  # @property !== 'text'
NOT_NULL = 3  # @ != null (an object is not)
MEMBER_IS_ARRAY = 4  # @.name.constructor.name === 'Array'
KEY_IS = 5  # @property === 'text' (on any node: it reads the key only)
ANY_OF = 6  # a || b: the argument is a tuple of conjunctions, one per alternative
MEMBER_DEFINED = 7  # @.name !== void 0 (a member of a JSON object is never undefined)
_SELF = ("var", "v")


def _conditions(tree: Node) -> tuple[tuple[int, Any], ...] | None:
    """The expression as a conjunction of the conditions above, or None if it is not one."""
    if tree[0] == "and":
        left, right = _conditions(tree[1]), _conditions(tree[2])
        return None if left is None or right is None else left + right
    if tree[0] == "or":
        alternatives = []
        for side in (tree[1], tree[2]):
            conditions = _conditions(side)
            if conditions is None:
                return None
            # a || b || c: the alternatives of both sides, side by side
            nested = (
                conditions[0][1] if len(conditions) == 1 and conditions[0][0] == ANY_OF else None
            )
            alternatives.extend(nested if nested is not None else (conditions,))
        return ((ANY_OF, tuple(alternatives)),)
    condition = _condition(tree)
    return None if condition is None else (condition,)


def _member_name(node: Node) -> str | None:
    """``name`` when ``node`` is ``@.name`` (a plain member, as the emitter inlines it)."""
    if node[0] == "get" and node[1] == _SELF and node[2][0] == "lit":
        name = node[2][1]
        if isinstance(name, str) and name not in ("length", "constructor"):
            return name
    return None


def _condition(node: Node) -> tuple[int, Any] | None:
    if node == _SELF:
        return (TRUTHY, None)
    if (name := _member_name(node)) is not None:
        return (MEMBER_TRUTHY, name)
    if node == ("cmp", "!=", _SELF, ("lit", None)):
        return (NOT_NULL, None)
    if node[0] != "cmp" or node[3][0] != "lit":
        return None
    operator, left, literal = node[1], node[2], node[3][1]
    if operator == "!==" and literal is _UNDEF and (name := _member_name(left)) is not None:
        return (MEMBER_DEFINED, name)
    if operator in ("!==", "===") and left == ("var", "k") and isinstance(literal, str):
        return (KEY_IS_NOT if operator == "!==" else KEY_IS, literal)
    if (
        operator == "==="
        and literal == "Array"
        and left[0] == "get"
        and left[2] == ("lit", "name")
        and left[1][0] == "get"
        and left[1][2] == ("lit", "constructor")
        and (name := _member_name(left[1][1])) is not None
    ):
        return (MEMBER_IS_ARRAY, name)
    return None


class _Emitter:
    """Writes Python for a tree; ``value`` keeps JavaScript's values, ``boolean`` only truth."""

    def __init__(self) -> None:
        self.temps = 0
        self.constants: dict[str, Any] = {}

    def boolean(self, node: Node) -> str:
        kind = node[0]
        if kind == "and":
            return f"({self.boolean(node[1])} and {self.boolean(node[2])})"
        if kind == "or":
            return f"({self.boolean(node[1])} or {self.boolean(node[2])})"
        if kind == "not":
            return f"(not {self.boolean(node[1])})"
        if kind == "cmp":
            return self.compare(node)
        return f"_truthy({self.value(node)})"

    def value(self, node: Node) -> str:
        kind = node[0]
        if kind == "lit":
            return "UNDEF" if node[1] is _UNDEF else repr(node[1])
        if kind == "var":
            return node[1]
        if kind == "get":
            key = node[2]
            if (
                node[1] == ("var", "v")
                and key[0] == "lit"
                and isinstance(key[1], str)
                and key[1] not in ("length", "constructor")
            ):  # the hot case, inlined: a member of the current node
                return f"(v.get({key[1]!r}, UNDEF) if type(v) is dict else _get(v, {key[1]!r}))"
            return f"_get({self.value(node[1])}, {self.value(key)})"
        if kind == "call":
            args = "".join(f", {self.value(arg)}" for arg in node[3])
            return f"_call_{node[2]}({self.value(node[1])}{args})"
        if kind == "regex":
            return self.regex(node[1], node[2])
        if kind in ("and", "or"):
            self.temps += 1
            temp = f"_t{self.temps}"
            left, right = self.value(node[1]), self.value(node[2])
            if kind == "and":
                return f"({right} if _truthy({temp} := {left}) else {temp})"
            return f"({temp} if _truthy({temp} := {left}) else {right})"
        if kind in ("not", "cmp"):
            return self.boolean(node)
        if kind == "typeof":
            return f"_typeof({self.value(node[1])})"
        if kind == "neg":
            return f"_neg({self.value(node[1])})"
        if kind in ("add", "sub"):
            return f"_{kind}({self.value(node[1])}, {self.value(node[2])})"
        if kind == "global":
            return f"_is_array({', '.join(self.value(arg) for arg in node[2])})"
        raise FilterError(f"unsupported expression {kind}")  # pragma: no cover

    def regex(self, source: str, flags: str) -> str:
        from .regex import compile_regex

        try:
            compiled = compile_regex(source, flags)
        except ValueError as exc:
            raise FilterError(str(exc)) from None
        name = f"_re{len(self.constants)}"
        self.constants[name] = compiled
        return name

    def compare(self, node: Node) -> str:
        _, op, left, right = node
        names = {"===": "_strict_eq", "==": "_loose_eq", "<": "_lt", "<=": "_le", ">": "_gt",
                 ">=": "_ge", "=~": "_regex_match"}  # fmt: skip
        positive = {"!==": "===", "!=": "=="}.get(op, op)
        if positive in ("===", "==") and right[0] == "lit" and isinstance(right[1], str):
            self.temps += 1
            temp = f"_t{self.temps}"
            fallback = "False" if positive == "===" else f"_loose_eq({temp}, {right[1]!r})"
            value = self.value(left)
            call = f"({temp} == {right[1]!r} if type({temp} := {value}) is str else {fallback})"
            return f"(not {call})" if positive != op else call
        call = f"{names[positive]}({self.value(left)}, {self.value(right)})"
        return f"(not {call})" if positive != op else call


def _member_of_current(node: Node) -> str | None:
    """The first key of a chain that starts at ``@`` (``@.a.b`` gives "a"), or None when that
    member need not be a mapping's key: ``length``, ``constructor`` (every value has one) and
    array indexes (``@['0']`` reads an array's first item)."""
    while node[0] in ("get", "call"):
        target = node[1]
        if target == ("var", "v"):
            if node[0] == "get" and node[2][0] == "lit" and isinstance(node[2][1], str):
                name = node[2][1]
                if name in ("length", "constructor") or (name.isdigit() and name.isascii()):
                    return None
                return name
            return None
        node = target
    return None


def _required_key_groups(node: Node) -> tuple[frozenset[str], ...]:
    """Sets of keys of each of which the current node must hold one for the expression to be
    true (none: no such requirement, and the node need not be a mapping)."""
    kind = node[0]
    if kind == "and":
        return tuple(dict.fromkeys(_required_key_groups(node[1]) + _required_key_groups(node[2])))
    if kind == "or":
        left, right = _required_key_groups(node[1]), _required_key_groups(node[2])
        # Either side's first requirement holds, so one of the two does.
        return (left[0] | right[0],) if left and right else ()
    if kind in ("get", "call"):
        member = _member_of_current(node)
        return (frozenset({member}),) if member is not None else ()
    if kind == "cmp":
        op, left, right = node[1], node[2], node[3]
        member = _member_of_current(left) or _member_of_current(right)
        other = right if _member_of_current(left) else left
        if member is None or other[0] != "lit":
            return ()
        if op in ("===", "==") and other[1] is not _UNDEF and other[1] is not None:
            return (frozenset({member}),)
        if op in ("!==", "!=") and other[1] is _UNDEF:
            return (frozenset({member}),)
    return ()


def _required_values(node: Node) -> dict[str, frozenset[str]]:
    """Members of the current node that must equal one of some strings when they hold a
    string: ``@.type == 'array'`` (for a string, ``==`` and ``===`` are plain equality)."""
    kind = node[0]
    if kind == "and":
        left, right = _required_values(node[1]), _required_values(node[2])
        for member, allowed in right.items():
            left[member] = left[member] & allowed if member in left else allowed
        return left
    if kind == "or":
        left, right = _required_values(node[1]), _required_values(node[2])
        return {member: left[member] | right[member] for member in left.keys() & right.keys()}
    if kind == "cmp" and node[1] in ("===", "=="):
        for mine, other in ((node[2], node[3]), (node[3], node[2])):
            if (
                mine[0] == "get"
                and mine[1] == ("var", "v")
                and mine[2][0] == "lit"
                and _member_of_current(mine) is not None
                and other[0] == "lit"
                and isinstance(other[1], str)
            ):
                return {mine[2][1]: frozenset({other[1]})}
    return {}


def _required_properties(node: Node) -> frozenset[str] | None:
    """Values of ``@property`` outside of which the expression cannot be true."""
    kind = node[0]
    if kind == "and":
        return _required_properties(node[1]) or _required_properties(node[2])
    if kind == "or":
        left, right = _required_properties(node[1]), _required_properties(node[2])
        return left | right if left is not None and right is not None else None
    if kind == "cmp" and node[1] in ("===", "=="):
        for mine, other in ((node[2], node[3]), (node[3], node[2])):
            if mine == ("var", "k") and other[0] == "lit" and isinstance(other[1], str):
                return frozenset({other[1]})
    return None
