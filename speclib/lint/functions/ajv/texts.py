"""The JSON text of schema objects, written once per object.

The outcome of compiling a schema, of its meta-schema check and of its plain-schema verdicts
is a function of its content, so each of those caches is keyed by the schema's JSON text (see
``Ajv``), and the compiler tells from the same text whether a schema holds a reference. Each
would otherwise write the text of the same object again: one instance per Ajv instance
serves them all.
"""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["JsonTexts"]


class JsonTexts:
    __slots__ = ("_known",)

    def __init__(self) -> None:
        # id(value) -> (value, its text): keeping the value alive keeps its id its own
        self._known: dict[int, tuple[Any, bytes | None]] = {}

    def of(self, value: Any) -> bytes | None:
        """``value``'s JSON text, or None when it has none (keys that are not strings, too
        deep)."""
        known = self._known.get(id(value))
        if known is None:
            try:
                text: bytes | None = orjson.dumps(value)
            except TypeError:  # orjson.JSONEncodeError is one
                text = None
            known = self._known[id(value)] = (value, text)
        return known[1]
