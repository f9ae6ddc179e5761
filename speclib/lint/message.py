"""Rule messages: Spectral's ``{{placeholder}}`` templates and its ways of printing values."""

from __future__ import annotations

import json
import math
import re
from typing import Any

__all__ = ["js_string", "print_path", "print_value", "render"]

_PLACEHOLDER = re.compile(r"#?\{\{([^}\n]+)\}\}")
_PRINT = re.compile(r"""\s*print\(\s*['"](\w+)['"]\s*\)\s*""")


def js_string(value: Any) -> str:
    """``String(value)`` in JavaScript, for JSON values."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, list):
        return ",".join("" if item is None else js_string(item) for item in value)
    if isinstance(value, dict):
        return "[object Object]"
    return "undefined"


def _number(value: int | float) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value.is_integer() and abs(value) < 1e21:
            return str(int(value))
    return str(value)


def print_value(value: Any) -> str:
    """Spectral's ``printValue``: strings quoted, objects named, the rest as JSON would."""
    if isinstance(value, dict):
        return "Object{}"
    if isinstance(value, list):
        return "Array[]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, bool | int | float):
        return js_string(value)
    return "undefined"


def print_path(path: tuple, style: str) -> str:
    """``printPath``: "dot" (``a.b[0]``) or "pointer" (``#/a/b~1c``)."""
    if style == "pointer":
        parts = (str(s).replace("~", "~0").replace("/", "~1") for s in path)
        return "#" + "".join(f"/{part}" for part in parts)
    text = ""
    for index, segment in enumerate(path):
        if isinstance(segment, int):
            text += f"[{segment}]"
        else:
            text += segment if index == 0 else f".{segment}"
    return text


def render(template: str, variables: dict[str, Any]) -> str:
    """Fill ``{{name}}`` (as ``String(value)``) and ``#{{print("name")}}`` placeholders."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if match.group(0).startswith("#"):
            printed = _PRINT.fullmatch(name)
            return _print(printed.group(1), variables) if printed else ""
        if name not in variables or variables[name] is None and name != "value":
            return ""
        return js_string(variables[name]) if name == "value" else str(variables[name])

    return _PLACEHOLDER.sub(replace, template)


def _print(kind: str, variables: dict[str, Any]) -> str:
    if kind == "property":
        prop = variables.get("property")
        return f'"{prop}" property ' if prop not in (None, "") else "The document "
    if kind == "value":
        return print_value(variables.get("value"))
    value = variables.get(kind)
    return "" if value is None else str(value)
