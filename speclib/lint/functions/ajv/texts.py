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
    __slots__ = ("_known", "_texts")

    def __init__(self) -> None:
        # id(value) -> (value, its text): keeping the value alive keeps its id its own
        self._known: dict[int, tuple[Any, bytes | None]] = {}
        self._texts: dict[bytes, bytes] = {}  # one bytes object per text (documents repeat them)

    def of(self, value: Any, *, keep: bool = True) -> bytes | None:
        """``value``'s JSON text, or None when it has none (keys that are not strings, too
        deep). ``keep`` False writes the text of a value not asked about before without
        keeping it (the compiler's reference test of every subschema: memory, and fresh
        pages, for texts that nothing looks up again)."""
        known = self._known.get(id(value))
        if known is not None:
            return known[1]
        try:
            text: bytes | None = orjson.dumps(value)
        except TypeError:  # orjson.JSONEncodeError is one
            text = None
        if keep:
            if text is not None:
                text = self._texts.setdefault(text, text)
            self._known[id(value)] = (value, text)
        return text
