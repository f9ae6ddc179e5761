"""JavaScript semantics that Spectral's functions rely on, for Python values.

Spectral's messages and checks follow JavaScript: ``[]`` and ``{}`` are truthy, numbers print
as ``String(n)`` does, values print through ``printValue``. Rule functions use these helpers so
their results read exactly like Spectral's.
"""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = [
    "UNDEFINED",
    "is_object",
    "is_plain_object",
    "is_undefined",
    "js_equal",
    "js_keys",
    "js_number",
    "js_string",
    "js_truthy",
    "json_stringify",
    "print_value",
    "type_of",
]


class _Undefined:
    """JavaScript's ``undefined``: a value that is absent, as opposed to JSON ``null``."""

    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False


UNDEFINED: Any = _Undefined()


def is_undefined(value: Any) -> bool:
    return value is UNDEFINED


def is_object(value: Any) -> bool:
    """``typeof value === 'object' && value !== null``: mappings and arrays."""
    return isinstance(value, dict | list)


def is_plain_object(value: Any) -> bool:
    return isinstance(value, dict)


def _is_array_index(key: str) -> bool:
    return (
        key.isdigit() and key.isascii() and (key == "0" or key[0] != "0") and int(key) < 2**32 - 1
    )


def js_keys(mapping: dict[str, Any]) -> list[str]:
    """``Object.keys`` order: array-index keys ascending first, then the others as inserted."""
    keys = list(mapping)
    indices = [
        key for key in keys if type(key) is str and key[:1].isdigit() and _is_array_index(key)
    ]
    if not indices:
        return keys
    indices.sort(key=int)
    index_set = set(indices)
    return indices + [key for key in keys if key not in index_set]


def js_equal(a: Any, b: Any) -> bool:
    """Deep equality as ``fast-deep-equal`` (and ``===``) see JSON values: ``true`` is not ``1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list):
        return (
            isinstance(b, list)
            and len(a) == len(b)
            and all(js_equal(x, y) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and len(a) == len(b)
            and all(key in b and js_equal(value, b[key]) for key, value in a.items())
        )
    return type(a) is type(b) and a == b


def js_truthy(value: Any) -> bool:
    if value is None or value is UNDEFINED or value is False:
        return False
    if isinstance(value, bool):
        return True
    if isinstance(value, int | float):
        return not (value == 0 or (isinstance(value, float) and math.isnan(value)))
    if isinstance(value, str):
        return value != ""
    return True


def type_of(value: Any) -> str:
    """JSON Schema's name for the type of a value (``integer`` only for whole numbers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return "undefined"


def js_number(value: int | float) -> str:
    """``String(n)`` in JavaScript: ``1.0`` prints as ``1``, ``1e-7`` keeps its exponent."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) < 10**21:
            return str(value)
        value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    digits, exponent = _shortest_digits(value)
    sign = "-" if value < 0 else ""
    # JavaScript switches to exponent notation outside 1e-7 <= |n| < 1e21.
    point = exponent + 1
    if 0 < point <= 21:
        if len(digits) <= point:
            return sign + digits + "0" * (point - len(digits))
        return sign + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return sign + "0." + "0" * (-point) + digits
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return f"{sign}{mantissa}e{'+' if exponent >= 0 else '-'}{abs(exponent)}"


def _shortest_digits(value: float) -> tuple[str, int]:
    """The shortest round-tripping digits of ``|value|`` and the exponent of the first one."""
    mantissa, _, exponent_text = repr(abs(value)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = whole + fraction
    significant = digits.lstrip("0")
    leading_zeros = len(digits) - len(significant)
    exponent = int(exponent_text or 0) + len(whole) - 1 - leading_zeros
    return significant.rstrip("0") or "0", exponent


def json_stringify(value: Any) -> str:
    """``JSON.stringify`` for JSON values (no indentation)."""
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int | float):
        if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
            return "null"
        return js_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(_stringify_item(item) for item in value) + "]"
    if isinstance(value, dict):
        parts = [
            f"{json.dumps(str(key), ensure_ascii=False)}:{json_stringify(item)}"
            for key, item in value.items()
            if item is not UNDEFINED
        ]
        return "{" + ",".join(parts) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def _stringify_item(item: Any) -> str:
    return "null" if item is UNDEFINED else json_stringify(item)


def js_string(value: Any) -> str:
    """``String(value)`` in JavaScript."""
    if value is UNDEFINED:
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return js_number(value)
    if isinstance(value, list):
        return ",".join(
            "" if item is None or item is UNDEFINED else js_string(item) for item in value
        )
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def print_value(value: Any) -> str:
    """Spectral's ``printValue``: how a value appears inside a message."""
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, list):
        return "Array[]"
    if isinstance(value, dict):
        return "Object{}"
    return json_stringify(value)
