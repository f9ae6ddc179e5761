"""JavaScript semantics for compiled filter expressions, over JSON values in Python.

The generated code calls these helpers only. A JavaScript ``TypeError`` (reading a member of
``undefined``, calling ``.match`` on a number) makes the whole filter false, as nimma does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

__all__ = ["NAMESPACE", "UNDEF", "path_text"]


class _Undefined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "undefined"

    def __bool__(self) -> bool:
        return False


UNDEF: Any = _Undefined()


class _JSError(Exception):
    """What would be a TypeError in JavaScript."""


class _Constructor:
    """``value.constructor``: only its ``name`` is readable."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


def _js_type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "Boolean"
    if isinstance(value, int | float):
        return "Number"
    if isinstance(value, str):
        return "String"
    if isinstance(value, list):
        return "Array"
    return "Object"


def _truthy(value: Any) -> bool:
    if value is None or value is UNDEF or value is False:
        return False
    if value is True:
        return True
    kind = type(value)
    if kind is str:
        return value != ""
    if kind is int or kind is float:
        return value != 0 and value == value
    return True


def _index(key: Any) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, float) and key.is_integer():
        return int(key)
    if isinstance(key, str) and key.isdigit() and key.isascii():
        return int(key)
    return None


def _get(obj: Any, key: Any) -> Any:
    if obj is UNDEF or obj is None:
        raise _JSError
    if key == "constructor":
        return _Constructor(_js_type_name(obj))
    kind = type(obj)
    if kind is dict:
        return obj.get(key if isinstance(key, str) else _key_text(key), UNDEF)
    if kind is list or kind is str:
        if key == "length":
            return len(obj)
        index = _index(key)
        return obj[index] if index is not None and index < len(obj) else UNDEF
    if kind is _Constructor and key == "name":
        return obj.name
    return UNDEF


def _key_text(key: Any) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key).lower() if isinstance(key, bool) else str(key)


def _string(value: Any) -> str:
    if isinstance(value, str):
        return value
    if value is UNDEF:
        return "undefined"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join("" if item is None or item is UNDEF else _string(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return str(value)


def _require_str(value: Any) -> str:
    if not isinstance(value, str):
        raise _JSError
    return value


def _as_regex(pattern: Any) -> Any:
    if hasattr(pattern, "compiled"):
        return pattern
    from .regex import compile_regex

    try:
        return compile_regex(_string(pattern))
    except ValueError:
        raise _JSError from None


def _call_match(value: Any, pattern: Any) -> Any:
    found = _as_regex(pattern).compiled.search(_require_str(value))
    return None if found is None else [found.group(0), *found.groups()]


def _call_test(pattern: Any, value: Any) -> bool:
    if not hasattr(pattern, "compiled"):
        raise _JSError
    return pattern.test(_string(value))


def _call_includes(value: Any, item: Any) -> bool:
    if isinstance(value, list):
        return any(_same_value_zero(element, item) for element in value)
    return _string(item) in _require_str(value)


def _call_startsWith(value: Any, prefix: Any) -> bool:  # noqa: N802 - JavaScript's name
    return _require_str(value).startswith(_string(prefix))


def _call_endsWith(value: Any, suffix: Any) -> bool:  # noqa: N802 - JavaScript's name
    return _require_str(value).endswith(_string(suffix))


def _call_indexOf(value: Any, item: Any) -> int:  # noqa: N802 - JavaScript's name
    if isinstance(value, list):
        return next((i for i, element in enumerate(value) if _strict_eq(element, item)), -1)
    return _require_str(value).find(_string(item))


def _call_toLowerCase(value: Any) -> str:  # noqa: N802 - JavaScript's name
    return _require_str(value).lower()


def _call_toUpperCase(value: Any) -> str:  # noqa: N802 - JavaScript's name
    return _require_str(value).upper()


def _call_trim(value: Any) -> str:
    return _require_str(value).strip()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _strict_eq(a: Any, b: Any) -> bool:
    if _is_number(a) and _is_number(b):
        return a == b
    if type(a) is not type(b):
        return False
    if isinstance(a, dict | list):
        return a is b
    return a == b


def _same_value_zero(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return _strict_eq(a, b)


def _number(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if _is_number(value):
        return float(value)
    if value is None:
        return 0.0
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return 0.0
        try:
            return float(text)
        except ValueError:
            return math.nan
    return math.nan


def _loose_eq(a: Any, b: Any) -> bool:
    nullish = (None, UNDEF)
    if a in nullish or b in nullish:
        return a in nullish and b in nullish
    if type(a) is type(b) or (_is_number(a) and _is_number(b)):
        return _strict_eq(a, b)
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        other = b if isinstance(a, dict | list) else a
        container = a if isinstance(a, dict | list) else b
        return _string(container) == _string(other)
    return _number(a) == _number(b)


def _ordered(a: Any, b: Any) -> tuple[Any, Any]:
    if isinstance(a, str) and isinstance(b, str):
        return a, b
    return _number(a), _number(b)


def _lt(a: Any, b: Any) -> bool:
    x, y = _ordered(a, b)
    return x < y


def _le(a: Any, b: Any) -> bool:
    x, y = _ordered(a, b)
    return x <= y


def _gt(a: Any, b: Any) -> bool:
    x, y = _ordered(a, b)
    return x > y


def _ge(a: Any, b: Any) -> bool:
    x, y = _ordered(a, b)
    return x >= y


def _regex_match(value: Any, pattern: Any) -> bool:
    return isinstance(value, str) and _as_regex(pattern).compiled.search(value) is not None


def _typeof(value: Any) -> str:
    if value is UNDEF:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if _is_number(value):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


def _neg(value: Any) -> float:
    return -_number(value)


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, str) or isinstance(b, str):
        return _string(a) + _string(b)
    return _number(a) + _number(b)


def _sub(a: Any, b: Any) -> float:
    return _number(a) - _number(b)


def _is_array(value: Any = UNDEF) -> bool:
    return isinstance(value, list)


def path_text(path: tuple[str | int, ...]) -> str:
    """jsonpath-plus's ``@path``: ``$['paths']['/users'][0]``."""
    parts = ["$"]
    for segment in path:
        if isinstance(segment, int):
            parts.append(f"[{segment}]")
        else:
            escaped = segment.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)


def _guarded(test: Callable[..., bool]) -> Callable[..., bool]:
    def run(v: Any, k: Any, p: Any, pk: Any, path: Any, root: Any) -> bool:
        try:
            return test(v, k, p, pk, path, root)
        except (_JSError, TypeError, ValueError, OverflowError):
            return False

    return run


NAMESPACE: dict[str, Any] = {
    name: value
    for name, value in globals().items()
    if name.startswith("_") and callable(value) and not name.startswith("__")
}
NAMESPACE.update(
    {
        "UNDEF": UNDEF,
        "_path_text": path_text,
        "__builtins__": {"type": type, "dict": dict, "str": str},
    }
)
