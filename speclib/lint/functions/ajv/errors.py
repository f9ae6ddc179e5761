"""Validation errors in the shape of Ajv's, which Spectral's messages are built from."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

__all__ = [
    "AjvError",
    "MissingRefError",
    "SchemaError",
    "escape_fragment",
    "escape_segment",
    "pointer",
]


class SchemaError(Exception):
    """A schema Ajv refuses to compile; the message is Ajv's."""


class MissingRefError(SchemaError):
    """A ``$ref`` that resolves to nothing (Spectral ignores these on resolved documents)."""


class AjvError:
    """One error as Ajv reports it (mutable: an ``errorMessage`` keyword marks what it used)."""

    __slots__ = (
        "instance_path", "keyword", "message", "params", "parent_schema", "schema_path", "used",
        "visible",
    )  # fmt: skip

    def __init__(
        self,
        keyword: str,
        instance_path: tuple[str | int, ...],
        schema_path: str,  # relative to the schema resource the keyword lives in, as Ajv's
        params: dict[str, Any],
        message: str,
        parent_schema: Any = None,
        visible: bool = True,  # see Node.visible
    ) -> None:
        self.keyword = keyword
        self.instance_path = instance_path
        self.schema_path = schema_path
        self.params = params
        self.message = message
        self.parent_schema = parent_schema
        self.visible = visible
        self.used = False  # consumed by an errorMessage keyword

    def __repr__(self) -> str:
        return (
            f"AjvError({self.keyword!r}, {self.instance_path!r}, {self.schema_path!r}, "
            f"{self.message!r})"
        )

    @property
    def instance_pointer(self) -> str:
        return pointer(self.instance_path)


# Characters that neither JSON-pointer escaping nor URI-encoding changes (not "~").
_UNESCAPED = re.compile(r"[A-Za-z0-9\-_.!*'()]*").fullmatch


def escape_segment(segment: str | int) -> str:
    return str(segment).replace("~", "~0").replace("/", "~1")


def escape_fragment(segment: str | int) -> str:
    """A schema path segment as Ajv writes it: JSON-pointer escaped, then URI-encoded."""
    text = str(segment)
    if _UNESCAPED(text):
        return text  # the usual property name: nothing to escape (and quote() is slow)
    return quote(escape_segment(text), safe="-_.!~*'()")


def pointer(path: tuple[str | int, ...]) -> str:
    """Ajv's ``instancePath``: a JSON pointer without the leading ``#``."""
    return "".join("/" + escape_segment(segment) for segment in path)
