"""Reading one side of a schema comparison: local ``$ref``s, boolean schemas, types, nullability.

OpenAPI 3.0 says ``nullable: true``; 3.1 puts ``"null"`` in the type list. Both are read as
the same thing here, so a document moved from 3.0 to 3.1 does not look changed.
"""

from __future__ import annotations

from typing import Any

from ..refs import Unresolved, lookup, ref_of

__all__ = ["MAX_REF_CHAIN", "Resolved", "flatten_all_of", "is_nullable", "resolve", "types_of"]

MAX_REF_CHAIN = 32  # a $ref to a $ref to ...: longer chains are refused as broken
_FALSE_SCHEMA: dict[str, Any] = {"not": {}}


class Resolved:
    """A schema read through its ``$ref``s: the object, the first ref's name, its pointer.

    ``named`` says the schema is the named one as it is: a ``$ref`` with sibling keywords
    (3.1) is another schema under the same name, which must not share the name's diff."""

    __slots__ = ("named", "pointer", "ref", "schema")

    def __init__(
        self, schema: dict[str, Any], ref: str | None, pointer: str, *, named: bool = True
    ) -> None:
        self.named = named and ref is not None
        self.schema = schema
        self.ref = ref
        self.pointer = pointer


def resolve(doc: Any, node: Any, pointer: str) -> Resolved | None:
    """``node`` (found at ``pointer``) with local refs followed; None when absent or broken.

    Siblings of a ``$ref`` (allowed in 3.1) override the target's keywords.
    """
    if node is None:
        return None
    if node is True:
        return Resolved({}, None, pointer)
    if node is False:
        return Resolved(_FALSE_SCHEMA, None, pointer)
    if not isinstance(node, dict):
        return None
    first = ref_of(node)
    if first is None:
        return Resolved(node, None, pointer)
    siblings = {key: value for key, value in node.items() if key != "$ref"}
    target: Any = node
    for _ in range(MAX_REF_CHAIN):
        ref = ref_of(target)
        if ref is None:
            break
        pointer = ref[1:] if ref.startswith("#") else ref
        target = lookup(doc, ref)
        if isinstance(target, Unresolved):
            return None
    else:
        return None
    if target is True or not isinstance(target, dict):
        target = {} if target is True else _FALSE_SCHEMA
    schema = {**target, **siblings} if siblings else target
    return Resolved(schema, first, pointer, named=not siblings)


def types_of(schema: dict[str, Any]) -> tuple[str, ...]:
    """The schema's types without "null" (nullability is read apart), in document order."""
    declared = schema.get("type")
    if isinstance(declared, str):
        declared = [declared]
    if not isinstance(declared, list):
        return ()
    return tuple(item for item in declared if isinstance(item, str) and item != "null")


def is_nullable(schema: dict[str, Any]) -> bool:
    """3.0's ``nullable: true`` or 3.1's ``"null"`` among the types."""
    declared = schema.get("type")
    listed = declared == "null" or (isinstance(declared, list) and "null" in declared)
    return schema.get("nullable") is True or listed


def flatten_all_of(doc: Any, schema: dict[str, Any], depth: int = 0) -> dict[str, Any]:
    """``schema`` with its ``allOf`` merged in (oasdiff's flatten option).

    Properties and required names are united; other keywords keep the first value met,
    the schema's own first. Only the ``allOf`` of this level is merged: nested schemas are
    flattened when the comparison reaches them.
    """
    parts = schema.get("allOf")
    if not isinstance(parts, list) or depth > MAX_REF_CHAIN:
        return schema
    merged = {key: value for key, value in schema.items() if key != "allOf"}
    properties = dict(merged.get("properties") or {})
    required = list(merged.get("required") or [])
    for index, part in enumerate(parts):
        resolved = resolve(doc, part, f"/allOf/{index}")
        if resolved is None:
            continue
        sub = flatten_all_of(doc, resolved.schema, depth + 1)
        for name, value in (sub.get("properties") or {}).items():
            properties.setdefault(name, value)
        required.extend(name for name in sub.get("required") or [] if name not in required)
        for key, value in sub.items():
            if key not in ("properties", "required"):
                merged.setdefault(key, value)
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged
