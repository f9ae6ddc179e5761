"""Compiles a schema into nodes that validate data with Ajv's order and Ajv's errors.

Ajv (``allErrors: false``) stops at the first error, except inside ``anyOf``, ``oneOf``,
``contains`` and ``propertyNames``, whose branches each keep their first errors, and inside
``not`` and ``if``, where only validity counts. A node runs its keywords by Ajv's groups: an
early type check, the keywords for any type, then those for numbers, strings, arrays and
objects. Compilation fails the way Ajv's does (``"nullable" cannot be used without "type"``,
``exclusiveMaximum value must be ["number"]``, unresolvable ``$ref``), so Spectral's results
for broken schemas are reproduced too.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urldefrag

from .dialects import Dialect
from .errors import AjvError, MissingRefError, SchemaError
from .resources import Registry, join_uri, normalize_uri

__all__ = ["Compiler", "Context", "Evaluated", "Node", "Quick", "Stop"]

ANONYMOUS = "urn:x-anonymous-schema:"
JSON_TYPES = frozenset(("string", "number", "integer", "boolean", "null", "object", "array"))


class Stop(Exception):
    """The first error outside any branch ends validation (Ajv returns at once)."""


class Quick(Exception):
    """A failure while only validity is wanted (inside ``not`` and ``if``)."""


class Context:
    """The state of one validation: errors so far and the dynamic anchors in scope."""

    __slots__ = ("all_errors", "dynamic", "errors", "frame", "quick")

    def __init__(self, *, all_errors: bool) -> None:
        self.errors: list[AjvError] = []
        self.all_errors = all_errors
        self.quick = False
        self.dynamic: dict[str, Node] = {}
        self.frame = 0  # where the errors of the running Ajv function start

    def call(
        self, node: Node, data: Any, path: tuple[str | int, ...], ev: Evaluated | None
    ) -> bool:
        """Runs ``node`` as Ajv runs a separately compiled schema (a ``$ref`` not inlined): as
        its own function, outside any branch, returning at its first error."""
        memo = node.memo
        if memo is not None and id(data) in memo:
            return True
        saved, self.frame = self.frame, len(self.errors)
        try:
            node.run(data, path, self, False, ev)
        except Stop:
            pass
        finally:
            start, self.frame = self.frame, saved
        valid = len(self.errors) == start
        if valid and memo is not None and isinstance(data, dict | list):
            memo[id(data)] = data
        return valid

    def fail(
        self,
        comp: bool,
        keyword: str,
        path: tuple[str | int, ...],
        schema_path: str,
        params: dict[str, Any],
        message: str,
        parent: Any,
        *,
        append: bool = False,
        visible: bool = True,
    ) -> None:
        if self.quick:
            raise Quick  # a fresh instance: a reused one would pile up tracebacks
        error = AjvError(keyword, path, schema_path, params, message, parent, visible)
        if comp or self.all_errors:
            self.errors.append(error)
            return
        # Outside branches Ajv returns at the first error; a keyword that does not "append"
        # returns its own error alone, dropping what failed branches left behind.
        if not append:
            del self.errors[self.frame :]
        self.errors.append(error)
        raise Stop

    def valid_quick(self, node: Node, data: Any, path: tuple[str | int, ...], ev: Evaluated | None):
        """Whether ``data`` is valid, without errors (Ajv's ``createErrors: false``)."""
        if ev is None and (node.quick_state or node.quick_state is None and node.quickable()):
            return node.valid(data)
        saved, self.quick = self.quick, True
        try:
            return node.run(data, path, self, True, ev)
        except Quick:
            return False
        finally:
            self.quick = saved


class Evaluated:
    """Properties and items some keyword looked at (for ``unevaluated*``)."""

    __slots__ = ("all_items", "all_props", "items", "props")

    def __init__(self) -> None:
        self.props: set[str] = set()
        self.all_props = False
        self.items = 0
        self.all_items = False

    def merge(self, other: Evaluated) -> None:
        self.props |= other.props
        self.all_props = self.all_props or other.all_props
        self.items = max(self.items, other.items)
        self.all_items = self.all_items or other.all_items


def data_type_is(kind: str, data: Any) -> bool:
    if kind == "string":
        return isinstance(data, str)
    if kind == "object":
        return isinstance(data, dict)
    if kind == "array":
        return isinstance(data, list)
    if kind == "null":
        return data is None
    if kind == "boolean":
        return isinstance(data, bool)
    if isinstance(data, bool) or not isinstance(data, int | float):
        return False
    if isinstance(data, float) and (data != data or data in (float("inf"), float("-inf"))):
        return False
    return kind == "number" or isinstance(data, int) or data.is_integer()


def _is_number(data: Any) -> bool:
    kind = type(data)
    return (kind is int) or (kind is float and data - data == 0)


def _is_integer(data: Any) -> bool:
    kind = type(data)
    return (kind is int) or (kind is float and data - data == 0 and data.is_integer())


_TYPE_TESTS: dict[str, Any] = {
    "string": lambda data: type(data) is str,
    "object": lambda data: type(data) is dict,
    "array": lambda data: type(data) is list,
    "boolean": lambda data: type(data) is bool,
    "null": lambda data: data is None,
    "number": _is_number,
    "integer": _is_integer,
}


def type_test(kinds: list[str]) -> Any:
    """A fast test of ``data_type_is`` for JSON data (plain dicts, lists and scalars)."""
    tests = [_TYPE_TESTS[kind] for kind in kinds]
    if len(tests) == 1:
        return tests[0]
    return lambda data: any(test(data) for test in tests)


def schema_types(schema: dict[str, Any]) -> list[str]:
    """Ajv's ``getSchemaTypes``, with its compile errors for ``type`` and ``nullable``."""
    declared = schema.get("type")
    if isinstance(declared, list):
        types = list(declared)
    else:
        types = [declared] if declared not in (None, "", 0, False) else []
    if not all(isinstance(kind, str) and kind in JSON_TYPES for kind in types):
        raise SchemaError("type must be JSONType or JSONType[]: " + ",".join(map(str, types)))
    if "null" in types:
        if schema.get("nullable") is False:
            raise SchemaError("type: null contradicts nullable: false")
    else:
        if not types and "nullable" in schema:
            raise SchemaError('"nullable" cannot be used without "type"')
        if schema.get("nullable") is True:
            types.append("null")
    return types


def _type_text(declared: Any) -> str:
    if isinstance(declared, list):
        return ",".join(str(item) for item in declared)
    return str(declared)


_REF_KEYWORDS = frozenset(
    ("$ref", "$recursiveRef", "$recursiveAnchor", "$dynamicRef", "$dynamicAnchor")
)


def has_ref(schema: Any) -> bool:
    """Ajv's ``hasRef``: any reference keyword anywhere inside, examples included."""
    if isinstance(schema, dict):
        return any(key in _REF_KEYWORDS or has_ref(value) for key, value in schema.items())
    if isinstance(schema, list):
        return any(has_ref(item) for item in schema)
    return False


def _listed(types: tuple[str, ...]) -> str:
    return json.dumps(list(types), separators=(",", ":"))


def valid_schema_type(value: Any, allowed: tuple[str, ...]) -> bool:
    for kind in allowed:
        if kind == "array" and isinstance(value, list):
            return True
        if kind == "object" and isinstance(value, dict):
            return True
        if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool):
            return True
        if kind == "string" and isinstance(value, str):
            return True
        if kind == "boolean" and isinstance(value, bool):
            return True
    return not allowed


class Node:
    """One compiled schema (object or boolean)."""

    __slots__ = (
        "always_valid",
        "base",
        "dynamic_anchor",
        "env_root",
        "false_schema",
        "groups",
        "children",
        "dynamic",
        "local_ev",
        "memo",
        "quick_groups",
        "quick_state",
        "post",
        "pre_check",
        "pre_types",
        "schema",
        "spath",
        "type_message",
        "type_param",
        "visible",
    )

    def __init__(self, schema: Any, spath: str, base: str) -> None:
        self.schema = schema
        self.spath = spath
        self.base = base
        self.env_root: Node = self
        self.always_valid = False
        self.false_schema = False
        self.pre_types: list[str] | None = None
        self.pre_check: Any = None  # fast test of pre_types
        self.groups: list[tuple[str | None, list[Any], bool]] = []
        self.post: Any = None
        self.dynamic_anchor: str | None = None
        self.local_ev = False
        self.type_message = ""
        self.type_param: Any = None
        # Whether Spectral's walk down the schema path reaches this schema (it stops at arrays
        # such as allOf): only then does ``nullable`` widen its type errors.
        self.visible = True
        self.memo: dict[int, Any] | None = None  # data known valid (meta-schemas keep one)
        self.children: list[Node] = []  # the nodes this one runs (subschemas and references)
        # Dynamic scopes and unevaluated* need the full run; quick_groups hold the keywords'
        # verdicts alone, and quick_state whether everything reachable can use them.
        self.dynamic = False
        self.quick_groups: list[tuple[Any, list[Any], bool]] | None = None
        self.quick_state: bool | None = None

    def run(
        self,
        data: Any,
        path: tuple[str | int, ...],
        ctx: Context,
        comp: bool,
        ev: Evaluated | None,
    ) -> bool:
        if self.always_valid:
            return True
        if self.false_schema:
            ctx.fail(
                comp,
                "false schema",
                path,
                self.spath + "/false schema",
                {},
                "boolean schema is false",
                False,
            )
            return False
        # Most data is valid: one verdict-only pass, and no errors to collect.
        quick = ev is None and (self.quick_state or self.quick_state is None and self.quickable())
        if quick and self.valid(data):
            return True
        errors = ctx.errors
        start = len(errors)
        if self.dynamic_anchor is not None and self.dynamic_anchor not in ctx.dynamic:
            ctx.dynamic[self.dynamic_anchor] = self
        local = Evaluated() if self.local_ev else ev
        if self.pre_check is not None and not self.pre_check(data):
            self.type_error(data, path, ctx, comp)
        all_errors = ctx.all_errors
        for applies, checks, type_error in self.groups:
            if applies is None or applies(data):
                if len(checks) == 1:
                    checks[0](data, path, ctx, comp, local)
                else:
                    for check in checks:
                        before = len(errors)
                        check(data, path, ctx, comp, local)
                        if not all_errors and len(errors) > before:
                            break
            elif type_error:
                self.type_error(data, path, ctx, comp)
            if not all_errors and len(errors) > start:
                return False
        if self.post is not None:
            self.post(data, path, ctx, start)
        if local is not ev and ev is not None:
            ev.merge(local)
        return len(errors) == start

    def quickable(self) -> bool:
        """Whether no node reachable from this one needs dynamic scopes or evaluated tracking."""
        if self.quick_state is not None:
            return self.quick_state
        seen = {id(self)}
        stack = [self]
        while stack:
            node = stack.pop()
            if node.quick_state is True:
                continue
            if node.dynamic or node.quick_state is False:
                self.quick_state = False
                return False
            for child in node.children:
                if id(child) not in seen:
                    seen.add(id(child))
                    stack.append(child)
        # Everything reachable from here is free of them, so from each of those nodes too.
        for node in _reachable(self):
            node.quick_state = True
        return True

    def valid(self, data: Any) -> bool:
        """The verdict alone (no errors), as fast as possible; the same as ``run``'s."""
        if self.always_valid:
            return True
        if self.false_schema:
            return False
        if not (self.quick_state or self.quick_state is None and self.quickable()):
            ctx = Context(all_errors=False)
            return ctx.valid_quick(self, data, (), None)
        if self.pre_check is not None and not self.pre_check(data):
            return False
        for applies, tests, type_error in self.quick_groups:
            if applies is None or applies(data):
                for test in tests:
                    if not test(data):
                        return False
            elif type_error:
                return False
        return True

    def type_error(self, data: Any, path: tuple[str | int, ...], ctx: Context, comp: bool) -> None:
        ctx.fail(
            comp,
            "type",
            path,
            self.spath + "/type",
            {"type": self.type_param},
            self.type_message,
            self.schema,
            visible=self.visible,
        )


def _quick_groups(node: Node) -> list[tuple[Any, list[Any], bool]] | None:
    groups = []
    for applies, checks, type_error in node.groups:
        tests = [getattr(check, "quick", None) for check in checks]
        if any(test is None for test in tests):
            node.dynamic = True  # a keyword without a verdict-only form: use the full run
            return None
        groups.append((applies, tests, type_error))
    return groups


def _reachable(start: Node) -> list[Node]:
    seen = {id(start)}
    order, stack = [], [start]
    while stack:
        node = stack.pop()
        order.append(node)
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return order


class Compiler:
    """Builds nodes for one Ajv instance (a dialect and its options)."""

    def __init__(
        self,
        dialect: Dialect,
        registry: Registry,
        *,
        error_messages: bool = False,
        unicode_regexp: bool = False,
        validate_formats: bool = True,
        inline_refs: bool = True,
        track_paths: bool = True,
    ) -> None:
        self.dialect = dialect
        # Without schema paths (no errorMessage to match them), a subschema met again in the
        # same place compiles once: resolved documents share their referenced schemas.
        self.track_paths = track_paths
        self.shared: dict[tuple, Node] = {}
        self._refs_inside: dict[int, bool] = {}
        self.validate_formats = validate_formats
        self.inline_refs = inline_refs
        self.registry = registry
        self.error_messages = error_messages
        self.unicode_regexp = unicode_regexp
        self.all_keywords = dialect.all_keywords | (
            {"errorMessage"} if error_messages else frozenset()
        )
        self.untyped_keywords = dialect.untyped_group_keywords()
        self.by_schema: dict[Any, Node] = {}  # nodes of $ref targets, by id() of their schema
        self.keep_alive: list[Any] = []  # the schemas of by_schema, so that ids stay unique
        self.anonymous = 0

    def is_always_valid(self, schema: Any) -> bool:
        if isinstance(schema, bool):
            return schema
        if not isinstance(schema, dict):
            return True
        return not any(key in self.all_keywords for key in schema)

    def compile_root(self, schema: Any, base: str = "") -> Node:
        node = self.by_schema.get(id(schema))
        if node is not None:
            return node
        if not self.track_paths and not base and not self.refs_inside(schema):
            # Nothing to resolve: the same compiled node serves as a root and as a child.
            key = (id(schema), True, None)
            node = self.shared.get(key)
            if node is None:
                node = self.shared[key] = Node(schema, "", "")
                self.keep_alive.append(schema)
                try:
                    self.build(node)
                except BaseException:
                    del self.shared[key]
                    raise
            self.by_schema[id(schema)] = node
            return node
        if not base:
            # A schema without a URI still needs one for its local references to resolve.
            self.anonymous += 1
            base = f"{ANONYMOUS}{self.anonymous}"
        self.registry.add(schema, base, self.dialect.id_keyword)
        node = Node(schema, "#" if self.track_paths else "", self._own_base(schema, base))
        self.by_schema[id(schema)] = node
        self.keep_alive.append(schema)
        try:
            self.build(node)
        except BaseException:
            del self.by_schema[id(schema)]
            raise
        return node

    def child(self, parent: Node, schema: Any, suffix: str, *, in_array: bool = False) -> Node:
        node = self._child(parent, schema, suffix, in_array=in_array)
        parent.children.append(node)
        return node

    def _child(self, parent: Node, schema: Any, suffix: str, *, in_array: bool) -> Node:
        visible = parent.visible and not in_array
        base = self._own_base(schema, parent.base)
        if self.track_paths:
            node = Node(schema, f"{parent.spath}/{suffix}", base)
            node.visible = visible
            node.env_root = parent.env_root
            self.build(node)
            return node
        key = (id(schema), visible, base if self.refs_inside(schema) else None)
        node = self.shared.get(key)
        if node is None:
            node = Node(schema, "", base)
            node.visible = visible
            node.env_root = parent.env_root
            self.shared[key] = node
            self.keep_alive.append(schema)
            try:
                self.build(node)
            except BaseException:
                del self.shared[key]
                raise
        return node

    def refs_inside(self, schema: Any) -> bool:
        """``has_ref`` remembered per object (resolved documents share subschemas)."""
        if not isinstance(schema, dict | list):
            return False
        known = self._refs_inside.get(id(schema))
        if known is None:
            items = schema.items() if isinstance(schema, dict) else enumerate(schema)
            known = any(key in _REF_KEYWORDS or self.refs_inside(value) for key, value in items)
            self._refs_inside[id(schema)] = known
        return known

    def _own_base(self, schema: Any, base: str) -> str:
        if isinstance(schema, dict):
            own = schema.get(self.dialect.id_keyword)
            if isinstance(own, str) and own and not own.startswith("#"):
                absolute = join_uri(base, own)
                return normalize_uri(urldefrag(absolute)[0])
        return base

    def ref(self, node: Node, reference: str) -> Node:
        return self.ref_target(node, reference)[0]

    def ref_target(self, node: Node, reference: str) -> tuple[Node, bool]:
        """The node a reference leads to, and whether Ajv would inline it."""
        target, inline = self._ref_target(node, reference)
        node.children.append(target)
        return target, inline

    def _ref_target(self, node: Node, reference: str) -> tuple[Node, bool]:
        found = self.registry.resolve(reference, node.base)
        if found is None:
            shown = "#" if node.base.startswith(ANONYMOUS) else node.base
            raise MissingRefError(f"can't resolve reference {reference} from id {shown}")
        target, base, _resource = found
        inline = self.inline_refs and not self.refs_inside(target)
        if inline:
            # Ajv inlines a target without references; its errors' schema paths then start
            # with the reference as written.
            key: Any = (id(target), reference)
            spath = reference
        else:
            key, spath = id(target), "#"
        existing = self.by_schema.get(key)
        if existing is not None:
            return existing, inline
        target_node = Node(target, spath if self.track_paths else "", self._own_base(target, base))
        target_node.visible = inline
        self.by_schema[key] = target_node
        self.keep_alive.append(target)
        self.build(target_node)
        return target_node, inline

    def build(self, node: Node) -> None:
        from .keywords import KEYWORDS  # noqa: PLC0415 (the two modules refer to each other)

        schema = node.schema
        if isinstance(schema, bool):
            node.always_valid = schema
            node.false_schema = not schema
            return
        if not isinstance(schema, dict) or self.is_always_valid(schema):
            node.always_valid = True
            return
        types = schema_types(schema)
        dialect = self.dialect
        declared = schema.get("type")
        if isinstance(declared, list) and types != declared:
            # Ajv adds "null" for nullable to the schema's own type array, so it shows.
            declared = types
        node.type_param = declared
        node.type_message = "must be " + _type_text(declared)
        anchor = schema.get("$dynamicAnchor") if dialect.next else None
        if isinstance(anchor, str):
            node.dynamic_anchor = anchor
        elif dialect.next and schema.get("$recursiveAnchor") is True:
            node.dynamic_anchor = "$recursive"
        node.local_ev = "unevaluatedProperties" in schema or "unevaluatedItems" in schema
        if schema.get("$ref") and not any(
            key != "$ref" and key in self.all_keywords for key in schema
        ):
            node.groups = [(None, [KEYWORDS["$ref"](self, node, schema["$ref"], None)], False)]
            node.quick_groups = _quick_groups(node)
            return
        has_group = {
            group_type: any(keyword in schema for keyword in keywords)
            for group_type, keywords in dialect.groups()
            if group_type is not None
        }
        single = types[0] if len(types) == 1 else None
        pre_check = bool(types) and not (single is not None and has_group.get(single, False))
        node.pre_types = types if pre_check else None
        node.pre_check = type_test(types) if pre_check else None
        groups = []
        for group_type, keywords in dialect.groups():
            if group_type is None:
                if not any(keyword in schema for keyword in self.untyped_keywords):
                    continue
                if not dialect.draft4_limits and "id" in schema:
                    raise SchemaError('NOT SUPPORTED: keyword "id", use "$id" for schema ID')
                if "nullable" in schema and not isinstance(schema["nullable"], bool):
                    raise SchemaError('nullable value must be ["boolean"]')
            elif not has_group[group_type]:
                continue
            checks = []
            for keyword in keywords:
                if keyword not in schema:
                    continue
                value = schema[keyword]
                allowed = dialect.schema_types(keyword)
                if not valid_schema_type(value, allowed):
                    raise SchemaError(f"{keyword} value must be {_listed(allowed)}")
                factory = KEYWORDS.get(keyword)
                check = factory(self, node, value, group_type) if factory is not None else None
                if check is not None:
                    checks.append(check)
            if group_type is None:
                for keyword in ("then", "else"):
                    allowed = dialect.schema_types(keyword)
                    if keyword in schema and not valid_schema_type(schema[keyword], allowed):
                        raise SchemaError(f"{keyword} value must be {_listed(allowed)}")
            type_error = (not pre_check) and single == group_type and group_type is not None
            applies = None if group_type is None else type_test([group_type])
            groups.append((applies, checks, type_error))
        node.groups = groups
        node.quick_groups = _quick_groups(node)
        if self.error_messages and "errorMessage" in schema:
            from .errormessage import error_message_post  # noqa: PLC0415

            node.post = error_message_post(node, schema["errorMessage"])
