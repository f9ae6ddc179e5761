"""Fields whose source text matters more than their YAML/JSON type.

``version: 1.10`` is the API version "1.10", not the float 1.1, and an
unquoted ``swagger: 2.0`` is the string "2.0". The YAML builder keeps the text
of plain scalars at these paths as it parses; for JSON, where the number has
already been parsed, ``restore_json_text`` recovers the written text.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

__all__ = ["VERBATIM_PATHS", "restore_json_text"]

VERBATIM_PATHS: frozenset[tuple[str, ...]] = frozenset(
    {("info", "version"), ("openapi",), ("swagger",)}
)
_NUMBER = rb"(-?[0-9][0-9.eE+-]*)"


def restore_json_text(value: Any, data: bytes) -> None:
    """Replace numbers at VERBATIM_PATHS in parsed JSON ``value`` by their text in ``data``.

    Finds ``"<last key>": <number>`` in the source; if every occurrence that
    parses to the same number is spelled the same way, that spelling is used,
    otherwise the number is left alone (callers format it). Cheap: runs a
    search only when such a field actually is a number.
    """
    for path in VERBATIM_PATHS:
        parent = value
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(parent, dict):
            continue
        number = parent.get(path[-1])
        if isinstance(number, (int, float)) and not isinstance(number, bool):
            pattern = re.compile(b'"' + re.escape(path[-1].encode()) + rb'"\s*:\s*' + _NUMBER)
            spellings = {m[1] for m in pattern.finditer(data) if _parses_to(m[1], number)}
            if len(spellings) == 1:
                parent[path[-1]] = spellings.pop().decode()


def _parses_to(text: bytes, number: int | float) -> bool:
    try:
        return orjson.loads(text) == number
    except orjson.JSONDecodeError:
        return False
