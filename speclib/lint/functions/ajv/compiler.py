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

from collections.abc import Hashable
from typing import Any
from urllib.parse import urldefrag

import orjson

from .context import Context, Evaluated, Quick, Stop
from .dialects import Dialect
from .errors import MissingRefError, SchemaError
from .node import Node, quick_groups
from .resources import Registry, join_uri, normalize_uri
from .schematypes import (
    JSON_TYPES,
    REF_KEYWORDS,
    data_type_is,
    has_ref,
    listed,
    schema_types,
    type_test,
    type_text,
    valid_schema_type,
)
from .texts import JsonTexts

__all__ = [
    "ANONYMOUS",
    "JSON_TYPES",
    "Compiler",
    "Context",
    "Evaluated",
    "Node",
    "Quick",
    "Stop",
    "data_type_is",
    "has_ref",
    "schema_types",
    "type_test",
]

ANONYMOUS = "urn:x-anonymous-schema:"
# Members that are no validation keyword but give a schema its URI or hold $ref targets.
# In JSON text a member name is the only string followed by a colon.
_REF_MEMBERS = tuple(f'"{keyword}":'.encode() for keyword in REF_KEYWORDS)
_PLACING = frozenset(
    (
        "$id",
        "id",
        "$schema",
        "$anchor",
        "$dynamicAnchor",
        "$recursiveAnchor",
        "$defs",
        "definitions",
    )
)


# Keywords whose value is a schema, a list of schemas, or an object of schemas by name (a
# property's "dependencies" may also be a list of names: a leaf, as any other value).
_ONE_SCHEMA = frozenset(
    (
        "not", "if", "then", "else", "items", "additionalItems", "contains", "unevaluatedItems",
        "propertyNames", "additionalProperties", "unevaluatedProperties",
    )
)  # fmt: skip
_SCHEMA_LISTS = frozenset(("allOf", "anyOf", "oneOf", "prefixItems", "items"))
_SCHEMA_MAPS = frozenset(
    ("properties", "patternProperties", "dependentSchemas", "dependencies", "$defs", "definitions")
)


class _NoShape(Exception):
    pass


def _leaf(value: Any) -> Hashable:
    """A keyword's value (or a schema that is no object) as part of a shape: a string as it
    is, a number or boolean with its type (1, 1.0 and true stay apart), anything else as its
    JSON text."""
    kind = type(value)
    if kind is str:
        return value
    if kind is int or kind is float or kind is bool or value is None:
        return (kind, value)
    try:
        return orjson.dumps(value)
    except TypeError:  # keys that are not strings, too deep
        raise _NoShape from None


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
        texts: JsonTexts | None = None,
    ) -> None:
        self.dialect = dialect
        self.texts = texts if texts is not None else JsonTexts()
        # Without schema paths (no errorMessage to match them), a subschema met again in the
        # same place compiles once: resolved documents share their referenced schemas, and
        # documents repeat the same subschemas with other descriptions and examples (keyed by
        # the shape of what validation reads, see ``_shape``).
        self.track_paths = track_paths
        self.shared: dict[tuple, Node] = {}
        self._shapes: dict[int, tuple[Any, Hashable]] = {}  # id -> (schema, shape)
        self._interned: dict[tuple, int] = {}  # a schema's parts -> its shape
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
        # (group type, its keywords in Ajv's order, the same as a set)
        self.groups = tuple((kind, words, frozenset(words)) for kind, words in dialect.groups())
        self.by_schema: dict[Any, Node] = {}  # nodes of $ref targets, by id() of their schema
        self.keep_alive: list[Any] = []  # the schemas of by_schema, so that ids stay unique
        self.anonymous = 0

    def is_always_valid(self, schema: Any) -> bool:
        if isinstance(schema, bool):
            return schema
        if not isinstance(schema, dict):
            return True
        return self.all_keywords.isdisjoint(schema)

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
        base = parent.base
        if isinstance(schema, dict) and self.dialect.id_keyword in schema:
            base = self._own_base(schema, base)
        if self.track_paths:
            node = Node(schema, f"{parent.spath}/{suffix}", base)
            node.visible = visible
            node.env_root = parent.env_root
            self.build(node)
            return node
        # Below a schema without references, none (``refs_inside`` of the parent is known).
        refs = self.refs_inside(parent.schema) and self.refs_inside(schema)
        key = (self._shape(schema), visible, base if refs else None)
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

    def _shape(self, schema: Any) -> Hashable:
        """What compiling ``schema`` reads, as a key remembered per object: its keywords and
        the members that place it (``$id``, anchors, definitions), and the same of each
        subschema, without the members Ajv ignores (``description``, ``example``,
        extensions...), since nodes that differ only by those validate alike and report alike.
        Each schema's shape is a small number standing for its keywords' values and its
        subschemas' numbers, so a schema costs its own members once, however deep it sits (the
        JSON text of each subschema, read as a whole, wrote the deep ones once per level and
        kept 10 MB of text on Zoom's description). By identity when it has none (keys that are
        not strings, too deep, a cycle)."""
        known = self._shapes.get(id(schema))
        if known is not None:
            return known[1]
        try:
            return self._shape_of(schema)
        except (_NoShape, RecursionError):  # RecursionError: too deep, or a cycle
            shape = ("id", id(schema))
            self._shapes[id(schema)] = (schema, shape)
            return shape

    def _shape_of(self, value: Any) -> Hashable:
        known = self._shapes.get(id(value))
        if known is not None:
            return known[1]
        if type(value) is not dict:
            return _leaf(value)
        keywords = self.all_keywords
        parts = []
        for key, member in value.items():
            if key not in keywords and key not in _PLACING:
                continue
            kind = type(member)
            if kind is str:
                part: Hashable = member
            elif kind is dict and key in _SCHEMA_MAPS:
                part = self._map_shape(member)
            elif kind is dict and key in _ONE_SCHEMA:
                part = self._shape_of(member)
            elif kind is list and key in _SCHEMA_LISTS:
                part = tuple([self._shape_of(sub) for sub in member])
            else:
                part = _leaf(member)
            parts.append((key, part))
        shape = self._interned.setdefault(tuple(parts), len(self._interned))
        self._shapes[id(value)] = (value, shape)
        return shape

    def _map_shape(self, schemas: dict[Any, Any]) -> Hashable:
        for name in schemas:
            if type(name) is not str:
                raise _NoShape  # True and 1 would be one name here, and two for Ajv
        return tuple([(name, self._shape_of(sub)) for name, sub in schemas.items()])

    def refs_inside(self, schema: Any) -> bool:
        """``has_ref`` remembered per object (resolved documents share subschemas). Most
        schemas have no reference at all, examples included: their JSON text tells at C speed,
        where walking every member of every example took a sixth of the example rules' time."""
        if not isinstance(schema, dict | list):
            return False
        known = self._refs_inside.get(id(schema))
        if known is None:
            # None: keys that are not strings, too deep
            text = self.texts.of(schema, keep=False)
            # Every such member starts with '"$': most texts have none at all (one search).
            if text is not None and (b'"$' not in text or not any(m in text for m in _REF_MEMBERS)):
                known = False
            else:
                items = schema.items() if isinstance(schema, dict) else enumerate(schema)
                known = any(key in REF_KEYWORDS or self.refs_inside(value) for key, value in items)
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
        node.type_message = "must be " + type_text(declared)
        anchor = schema.get("$dynamicAnchor") if dialect.next else None
        if isinstance(anchor, str):
            node.dynamic_anchor = anchor
        elif dialect.next and schema.get("$recursiveAnchor") is True:
            node.dynamic_anchor = "$recursive"
        node.local_ev = "unevaluatedProperties" in schema or "unevaluatedItems" in schema
        if schema.get("$ref") and len(self.all_keywords.intersection(schema)) == 1:
            node.groups = [(None, [KEYWORDS["$ref"](self, node, schema["$ref"], None)], False)]
            node.quick_groups = quick_groups(node)
            return
        has_group = {
            group_type: not words.isdisjoint(schema)
            for group_type, _, words in self.groups
            if group_type is not None
        }
        single = types[0] if len(types) == 1 else None
        pre_check = bool(types) and not (single is not None and has_group.get(single, False))
        node.pre_types = types if pre_check else None
        node.pre_check = type_test(types) if pre_check else None
        groups = []
        for group_type, keywords, _ in self.groups:
            if group_type is None:
                if self.untyped_keywords.isdisjoint(schema):
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
                    raise SchemaError(f"{keyword} value must be {listed(allowed)}")
                factory = KEYWORDS.get(keyword)
                check = factory(self, node, value, group_type) if factory is not None else None
                if check is not None:
                    checks.append(check)
            if group_type is None:
                for keyword in ("then", "else"):
                    allowed = dialect.schema_types(keyword)
                    if keyword in schema and not valid_schema_type(schema[keyword], allowed):
                        raise SchemaError(f"{keyword} value must be {listed(allowed)}")
            type_error = (not pre_check) and single == group_type and group_type is not None
            applies = None if group_type is None else type_test([group_type])
            groups.append((applies, checks, type_error))
        node.groups = groups
        node.quick_groups = quick_groups(node)
        if self.error_messages and "errorMessage" in schema:
            from .errormessage import error_message_post  # noqa: PLC0415

            node.post = error_message_post(node, schema["errorMessage"])
