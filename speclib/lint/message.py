"""Rule messages: Spectral's ``{{placeholder}}`` templates and its ways of printing values."""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import quote

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
    """Spectral's ``printPath``: "dot" (``paths./pets.get.responses[200]``), "escaped-pointer"
    (``#/paths/~1pets~1%7Bid%7D``, as ``{{path}}`` prints it) or "pointer" (``#/paths/~1pets``,
    JSON Pointer escapes only)."""
    if style == "dot":
        text = "".join(_dot_segment(segment, index) for index, segment in enumerate(path))
        return text.replace("~1", "/").replace("~0", "~")  # decodePointerFragment, on it all
    if not path:
        return "#"
    if style == "escaped-pointer":
        parts = (str(s) if isinstance(s, int) else _uri_escape(_escape(_unescape(s))) for s in path)
    else:
        parts = (_escape(str(s)) for s in path)
    return "#" + "".join(f"/{part}" for part in parts)


def _dot_segment(segment: str | int, index: int) -> str:
    if isinstance(segment, int):
        return f"[{segment}]"
    if segment == "":
        return "['']"
    if _WHITESPACE.search(segment):
        return f"['{segment}']"
    if _is_numeric(segment):
        return f"[{segment}]"
    return segment if index == 0 else f".{segment}"


# JavaScript's \s; Python's leaves out the byte-order mark.
_WHITESPACE = re.compile(r"[\s\ufeff]")
# What JavaScript's Number() reads as a number (after trimming; "" reads as 0).
_JS_NUMBER = re.compile(
    r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+"
)


# What JavaScript's String.prototype.trim() removes.
_JS_SPACES = " \t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff" + "".join(
    chr(code) for code in range(0x2000, 0x200B)
)


def _is_numeric(text: str) -> bool:
    """``!Number.isNaN(Number(text))``."""
    trimmed = text.strip(_JS_SPACES)
    return trimmed == "" or _JS_NUMBER.fullmatch(trimmed) is not None


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


# @stoplight/json's encodeUriPointer leaves these as they are (its class spells A–Z and 0–9
# with en dashes, so it also keeps the en dash itself; encodeURIComponent keeps the other
# letters and digits anyway) and percent-encodes every other character as UTF-8.
_URI_KEPT = re.compile(r"[^A-Za-z0-9_.!~*'()/\-\u2013\ud800-\udfff]")


def _uri_escape(segment: str) -> str:
    return _URI_KEPT.sub(lambda match: quote(match.group(), safe=""), segment)


def render(template: str, variables: dict[str, Any]) -> str:
    """Fill ``{{name}}`` (as ``String(value)``) and ``#{{print("name")}}`` placeholders."""
    if "{{" not in template:  # most functions' messages: nothing to fill
        return template

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
