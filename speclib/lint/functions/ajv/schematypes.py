"""JSON types as Ajv reads them in schemas (``type``, ``nullable``) and tests them in data."""

from __future__ import annotations

import json
from typing import Any

from .errors import SchemaError

__all__ = [
    "JSON_TYPES",
    "REF_KEYWORDS",
    "data_type_is",
    "has_ref",
    "listed",
    "schema_types",
    "type_test",
    "type_text",
    "valid_schema_type",
]

JSON_TYPES = frozenset(("string", "number", "integer", "boolean", "null", "object", "array"))


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


def type_text(declared: Any) -> str:
    if isinstance(declared, list):
        return ",".join(str(item) for item in declared)
    return str(declared)


REF_KEYWORDS = frozenset(
    ("$ref", "$recursiveRef", "$recursiveAnchor", "$dynamicRef", "$dynamicAnchor")
)


def has_ref(schema: Any) -> bool:
    """Ajv's ``hasRef``: any reference keyword anywhere inside, examples included."""
    if isinstance(schema, dict):
        return any(key in REF_KEYWORDS or has_ref(value) for key, value in schema.items())
    if isinstance(schema, list):
        return any(has_ref(item) for item in schema)
    return False


def listed(types: tuple[str, ...]) -> str:
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
