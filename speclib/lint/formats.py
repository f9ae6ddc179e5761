"""The document formats a ruleset can name, as Spectral's spectral-formats defines them: how a
document is recognised as each, and the name Spectral shows for it.

A rule with ``formats`` runs only on documents of one of them; a document that none of its
ruleset's formats recognise gets Spectral's ``unrecognized-format`` warning (engine.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["FORMAT_NAMES", "canonical_format", "detect_formats"]


def _js_string(value: Any) -> str:
    """``String(value)`` for the values a version member holds (a number too long to print
    is no version)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        return str(value)
    except ValueError:  # an int of more than 4,300 digits
        return ""


def _leading_int(value: Any) -> int | None:
    """``parseInt(String(value))``, or None for no number or one too long to be a version
    (a document may hold any number of digits there; ``int()`` refuses more than 4,300)."""
    match = re.match(r"\s*([+-]?)0*(\d+)", _js_string(value))
    if match is None or len(match.group(2)) > 9:
        return None
    return int(match.group(1) + match.group(2))


def _version(member: str, major: int, pattern: str | None = None) -> Callable[[Any], bool]:
    """A document that is a mapping whose ``member`` reads as major version ``major`` (and,
    for a minor version's format, matches ``pattern`` as text)."""
    shape = re.compile(pattern) if pattern is not None else None

    def test(document: Any) -> bool:
        if type(document) is not dict or member not in document:
            return False
        if _leading_int(document[member]) != major:
            return False
        return shape is None or shape.fullmatch(_js_string(document[member])) is not None

    return test


def _asyncapi(major: int) -> Callable[[Any], bool]:
    """AsyncAPI's formats test the whole version text (``2.6.0``), not its leading number."""
    whole = re.compile(rf"{major}\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")

    def test(document: Any) -> bool:
        if type(document) is not dict or "asyncapi" not in document:
            return False
        return whole.fullmatch(_js_string(document["asyncapi"])) is not None

    return test


_SCHEMA_TYPES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})
_COMPOUND = ("allOf", "oneOf", "anyOf", "not", "if")
_DRAFT = re.compile(
    r"https?://json-schema\.org/(?:draft-0([467])|draft/(20(?:19-09|20-12)))/(?:hyper-)?schema#?"
)


def _json_schema(document: Any) -> bool:
    schema = document.get("$schema") if type(document) is dict else None
    return type(schema) is str and "//json-schema.org/" in schema


def _json_schema_loose(document: Any) -> bool:
    if type(document) is not dict:
        return False
    declared = document.get("type")
    typed = (type(declared) is str and declared in _SCHEMA_TYPES) or (
        type(declared) is list
        and all(type(item) is str and item in _SCHEMA_TYPES for item in declared)
    )
    compound = any(type(document.get(word)) in (dict, list) for word in _COMPOUND)
    return _json_schema(document) or typed or type(document.get("enum")) is list or compound


def _draft(version: str) -> Callable[[Any], bool]:
    def test(document: Any) -> bool:
        if not _json_schema(document):
            return False
        found = _DRAFT.fullmatch(document["$schema"])
        return found is not None and (found.group(1) or found.group(2)) == version

    return test


# name -> (Spectral's display name, recognises a document). Names as rulesets write them; an
# ``oas3_1`` is read as ``oas3.1``.
_FORMATS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "oas2": ("OpenAPI 2.0 (Swagger)", _version("swagger", 2)),
    "oas3": ("OpenAPI 3.x", _version("openapi", 3)),
    "oas3.0": ("OpenAPI 3.0.x", _version("openapi", 3, r"3\.0(?:\.[0-9]*)?")),
    "oas3.1": ("OpenAPI 3.1.x", _version("openapi", 3, r"3\.1(?:\.[0-9]*)?")),
    "oas3.2": ("OpenAPI 3.2.x", _version("openapi", 3, r"3\.2(?:\.[0-9]*)?")),
    "asyncapi2": ("AsyncAPI 2.x", _asyncapi(2)),
    "asyncapi3": ("AsyncAPI 3.x", _asyncapi(3)),
    "arazzo1": ("Arazzo 1.0.x", _version("arazzo", 1, r"1\.0(?:\.[0-9]*)?")),
    "json-schema": ("JSON Schema", _json_schema),
    "json-schema-loose": ("JSON Schema (loose)", _json_schema_loose),
    "json-schema-draft4": ("JSON Schema Draft 4", _draft("4")),
    "json-schema-draft6": ("JSON Schema Draft 6", _draft("6")),
    "json-schema-draft7": ("JSON Schema Draft 7", _draft("7")),
    "json-schema-draft2019-09": ("JSON Schema Draft 2019-09", _draft("2019-09")),
    "json-schema-draft2020-12": ("JSON Schema Draft 2020-12", _draft("2020-12")),
}
# Other spellings of the same formats, as Spectral's ruleset reader accepts them.
_ALIASES = {
    "arazzo1.0": "arazzo1",
    "json-schema-2019-09": "json-schema-draft2019-09",
    "json-schema-draft-2019-09": "json-schema-draft2019-09",
    "json-schema-2020-12": "json-schema-draft2020-12",
    "json-schema-draft-2020-12": "json-schema-draft2020-12",
}
FORMAT_NAMES = {name: shown for name, (shown, _) in _FORMATS.items()}


def canonical_format(name: str) -> str:
    """The name of a format as rulesets may spell it: ``oas3_1`` is ``oas3.1``, and
    ``json-schema-2020-12`` is ``json-schema-draft2020-12``."""
    name = name.replace("_", ".") if name.startswith("oas3_") else name
    return _ALIASES.get(name, name)


def detect_formats(data: Any) -> frozenset[str]:
    """Every format the document has (several: an OpenAPI 3.1 document is oas3 and oas3.1)."""
    if type(data) is not dict:
        return frozenset()
    return frozenset(name for name, (_, test) in _FORMATS.items() if test(data))
