"""Ajv's keywords: each factory compiles one keyword of a node into a check.

A check is ``check(data, path, ctx, comp, ev)``: it reports errors through ``ctx.fail`` with
Ajv's keyword, params and message; ``comp`` tells whether it runs inside a branch that keeps
its errors (``anyOf``, ``oneOf``...); ``ev`` collects evaluated properties and items.

Keys of the data are visited in their source order (Spectral's parsers keep it); keys of a
schema in JavaScript's order, numeric ones first (Spectral validates copies of schemas).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..compiler import Compiler, Node
from . import applicators as a
from . import arrays as r
from . import objects as o
from . import scalars as s
from ._common import Check

__all__ = ["KEYWORDS"]


def _inert(compiler: Compiler, node: Node, value: Any, _group: str | None) -> None:
    return None


def _length(data: Any) -> int:
    return len(data)


KEYWORDS: dict[str, Callable[..., Check | None]] = {
    "$ref": a.ref,
    "$dynamicRef": a.dynamic_ref,
    "$recursiveRef": a.recursive_ref,
    "const": a.const,
    "enum": a.enum,
    "not": a.not_,
    "anyOf": a.any_of,
    "oneOf": a.one_of,
    "allOf": a.all_of,
    "if": a.if_,
    "maximum": s.limit_number("maximum"),
    "minimum": s.limit_number("minimum"),
    "exclusiveMaximum": s.limit_number("exclusiveMaximum"),
    "exclusiveMinimum": s.limit_number("exclusiveMinimum"),
    "multipleOf": s.multiple_of,
    "format": s.format,
    "maxLength": s.limit("maxLength", "characters", _length),
    "minLength": s.limit("minLength", "characters", _length),
    "pattern": s.pattern,
    "maxItems": s.limit("maxItems", "items", _length),
    "minItems": s.limit("minItems", "items", _length),
    "additionalItems": r.additional_items,
    "prefixItems": r.prefix_items,
    "items": r.items,
    "contains": r.contains,
    "uniqueItems": r.unique_items,
    "maxContains": _inert,
    "minContains": _inert,
    "unevaluatedItems": r.unevaluated_items,
    "maxProperties": s.limit("maxProperties", "properties", _length),
    "minProperties": s.limit("minProperties", "properties", _length),
    "required": o.required,
    "propertyNames": o.property_names,
    "additionalProperties": o.additional_properties,
    "dependencies": o.dependencies,
    "properties": o.properties,
    "patternProperties": o.pattern_properties,
    "dependentRequired": o.dependent_required,
    "dependentSchemas": o.dependent_schemas,
    "unevaluatedProperties": o.unevaluated_properties,
}
