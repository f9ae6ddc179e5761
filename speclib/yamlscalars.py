"""YAML 1.2 core-schema resolution of plain scalars, restricted to JSON values.

PyYAML implements YAML 1.1, where ``no`` is false, ``1:30`` is 90 and ``012``
is octal; OpenAPI tools (Spectral, Redocly, Swagger UI) read YAML 1.2, so a
document must mean the same thing here as in the tools its authors use.

Deliberate departures from the core schema, all so that values stay JSON:
``.inf`` / ``.nan`` and floats that overflow stay strings (JSON has no such
numbers), and integers outside the 64-bit range become floats (as orjson does
for JSON input). Timestamps are not a core-schema type, so they stay strings.
"""

from __future__ import annotations

import math
import re

__all__ = ["resolve_plain"]

_CONSTANTS: dict[str, object] = {
    "": None,
    "~": None,
    "null": None,
    "Null": None,
    "NULL": None,
    "true": True,
    "True": True,
    "TRUE": True,
    "false": False,
    "False": False,
    "FALSE": False,
}

# Only text starting with one of these can be a number; checking it first keeps
# the common case (words) away from the regular expressions.
_NUMBER_START = frozenset("-+.0123456789")

_INT10 = re.compile(r"[-+]?[0-9]+\Z")
_INT8 = re.compile(r"0o[0-7]+\Z")
_INT16 = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?\Z")

_INT_MIN = -(2**63)
_INT_MAX = 2**64 - 1  # orjson accepts unsigned 64-bit integers too


def resolve_plain(text: str) -> object:
    """Return the JSON value of an untagged plain scalar under the YAML 1.2 core schema.

    The result is ``None``, a bool, an int (within 64 bits), a finite float or
    ``text`` itself.
    """
    if text in _CONSTANTS:
        return _CONSTANTS[text]
    if text[0] not in _NUMBER_START:
        return text
    if _INT10.match(text):
        return _bounded_int(text, 10)
    if _INT16.match(text):
        return _bounded_int(text[2:], 16, text)
    if _INT8.match(text):
        return _bounded_int(text[2:], 8, text)
    if _FLOAT.match(text):
        value = float(text)
        return value if math.isfinite(value) else text
    return text


def _bounded_int(digits: str, base: int, text: str | None = None) -> object:
    """Parse ``digits``; out of 64-bit range gives a float, or the text if even that overflows."""
    source = digits if text is None else text
    try:
        value = int(digits, base)
    except ValueError:  # over sys.get_int_max_str_digits(): a hostile 5,000-digit number
        return source
    if _INT_MIN <= value <= _INT_MAX:
        return value
    try:
        as_float = float(value)
    except OverflowError:
        return source
    return as_float if math.isfinite(as_float) else source
