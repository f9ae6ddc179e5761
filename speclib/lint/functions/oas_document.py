"""oasDocumentSchema: the whole document against the OpenAPI 2.0, 3.0, 3.1 or 3.2 schema.

The schemas are Spectral's (see schemas/NOTICE.md), checked as Spectral's precompiled Ajv
validators check them: every error, ``errorMessage`` texts, ``$ref``s as separate functions.
The errors are worded as Spectral's oasDocumentSchema words them.

Most documents are valid, and a valid document has no finding whichever validator says so:
jsonschema-rs (compiled, about ten times faster) gives the first verdict, and only a document
it does not call valid goes through the Ajv-faithful engine for Spectral's errors. This is
exact as long as jsonschema-rs never accepts what Ajv refuses on these four fixed schemas:
their patterns are ASCII (``\\d`` means the same in Rust's and JavaScript's regexes), their
formats are all string formats and are checked by Ajv's own checks (``_FAST_FORMATS``), a
format Ajv does not know is ignored by Ajv and at most refused by jsonschema-rs, and
anything jsonschema-rs cannot read (keys that are not strings) leaves the verdict to Ajv.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import orjson

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from ._js import json_stringify
from .ajv import Ajv, AjvError, bundled_schema
from .ajv.compiler import Node
from .ajv.fastmeta import first_verdict
from .ajv.formats import FORMATS
from .ajv.messages import best_match

__all__ = ["FUNCTIONS", "document_errors"]

# (file, URI) of every schema the validators reach, as Spectral registers them.
_SCHEMAS = (
    ("json-schema-draft-04.json", "http://json-schema.org/draft-04/schema"),
    ("json-schema-2020-12.json", "https://stoplight.io/json-schema/draft/2020-12"),
    (
        "json-schema-2020-12-validation.json",
        "https://stoplight.io/json-schema/draft/2020-12/meta/validation",
    ),
    ("oas-2.0.json", "http://swagger.io/v2/schema.json"),
    ("oas-3.0.json", "https://spec.openapis.org/oas/3.0/schema/2019-04-02"),
    ("oas-3.1-dialect.json", "https://spec.openapis.org/oas/3.1/dialect/base"),
    ("oas-3.1-meta.json", "https://spec.openapis.org/oas/3.1/meta/base"),
    ("oas-3.1.json", "https://spec.openapis.org/oas/3.1/schema/2021-09-28"),
    ("oas-3.2-dialect.json", "https://spec.openapis.org/oas/3.2/dialect/2025-09-17"),
    ("oas-3.2-meta.json", "https://spec.openapis.org/oas/3.2/meta/2025-09-17"),
    ("oas-3.2.json", "https://spec.openapis.org/oas/3.2/schema/2025-11-23"),
)
_ROOTS = {
    "oas2": "oas-2.0.json",
    "oas3.0": "oas-3.0.json",
    "oas3.1": "oas-3.1.json",
    "oas3.2": "oas-3.2.json",
}


@cache
def _validator(version: str) -> Ajv:
    """The Ajv instance that checks documents of ``version``, with the bundled schemas its
    schema reaches registered (see ``_reached``)."""
    return Ajv(
        "draft2020-12",
        all_errors=True,
        error_messages=True,
        unicode_regexp=True,
        inline_refs=False,
        schemas=_reached(_ROOTS[version]),
    )


@cache
def _root(version: str) -> Node:
    return _validator(version).build(bundled_schema(_ROOTS[version]))


def _version(formats: frozenset[str]) -> str:
    if "oas2" in formats:
        return "oas2"
    if "oas3.2" in formats:
        return "oas3.2"
    return "oas3.1" if "oas3.1" in formats else "oas3.0"


def document_errors(
    document: Any, formats: frozenset[str], refs: Iterable[str] | None = None
) -> list[AjvError]:
    """Spectral's errors for ``document``; ``refs``, when given, are the string values of all
    of its ``$ref`` members (the engine's index has them), which speeds the first verdict."""
    version = _version(formats)
    # The first verdict pays on documents of every size: compiling the version's schema for
    # Ajv alone (22 ms for 2.0's) costs more than loading jsonschema-rs and building its
    # validator (on the corpus's 79 documents under 200 KB, 1.8 s against 2.7 s in all).
    validator = _checked_validator(version, refs)
    if first_verdict(validator, document):
        return []
    failing = _failing_paths(validator, document)
    return _validator(version).validate(_root(version), document, failing=failing)


def _checked_validator(version: str, refs: Iterable[str] | None) -> Any:
    """jsonschema-rs's validator of the version's schema, or None without jsonschema-rs.

    With ``refs`` (every ``$ref`` member's string value in the document), the format of a
    Reference Object's ``$ref`` is checked here, once per distinct value, and when all of them
    pass, the validator is one of a copy of the schema without that format: otherwise it calls
    back into Python for every reference (EC2's description: 14,500 calls, 65 ms of 75). This
    is exact: the references the schema checks are among ``refs``.

    None for OpenAPI 3.2: its schema's Schema Object carries ``$dynamicAnchor: meta``, so by
    the JSON Schema specification (jsonschema-rs) the 2020-12 meta-schema's ``$dynamicRef:
    #meta`` lands there, on "any object or boolean", and a nested schema's ``type: "whole
    number"`` passes; Ajv resolves it inside the meta-schema and refuses it."""
    if version in _AJV_ONLY:
        return None
    if refs is None:
        return _fast_validator(version)
    validator, formats = _fast_validator_without_ref_formats(version)
    checks = [_FAST_FORMATS[name] for name in formats if name in _FAST_FORMATS]
    if all(check(ref) for ref in set(refs) for check in checks):
        return validator
    return _fast_validator(version)


def _failing_paths(validator: Any, document: Any) -> set[tuple[str | int, ...]] | None:
    """The data paths at or above each error jsonschema-rs finds in an invalid ``document``,
    for Ajv to pass over the rest of it (on SendGrid's description, 132 -> 16 ms), or None when
    it cannot tell (then Ajv reads it all)."""
    if validator is None:
        return None
    failing: set[tuple[str | int, ...]] = set()
    try:
        for error in validator.iter_errors(document):
            location = _data_path(document, error.instance_path)
            while location not in failing:
                failing.add(location)
                if not location:
                    break
                location = location[:-1]
    except Exception:  # noqa: BLE001 - unreadable for jsonschema-rs: Ajv reads it all
        return None
    return failing or None


def _data_path(document: Any, segments: list[str | int]) -> tuple[str | int, ...]:
    """jsonschema-rs's instance path as Ajv's: its numbers are array indices or members whose
    names are digits (a response's ``200``), as the data there says."""
    path: list[str | int] = []
    node = document
    for segment in segments:
        if isinstance(node, dict):
            key: str | int = str(segment)
            node = node.get(key)
        else:
            key = segment
            node = node[segment] if isinstance(node, list) and isinstance(segment, int) else None
        path.append(key)
    return tuple(path)


_AJV_ONLY = frozenset({"oas3.2"})
# Ajv's checks for the string formats (jsonschema-rs calls a format check on strings only).
_FAST_FORMATS = {name: check for name, (kind, check) in FORMATS.items() if kind == "string"}


@cache
def _fast_validator(version: str) -> Any:
    return _jsonschema_rs_validator(bundled_schema(_ROOTS[version]), _ROOTS[version])


@cache
def _fast_validator_without_ref_formats(version: str) -> tuple[Any, frozenset[str]]:
    """A validator for the version's schema with the ``format`` of every ``$ref`` property
    taken out, and the formats taken out."""
    schema = orjson.loads(orjson.dumps(bundled_schema(_ROOTS[version])))  # a copy, at C speed
    removed = _without_ref_formats(schema)
    return _jsonschema_rs_validator(schema, _ROOTS[version]), frozenset(removed)


def _without_ref_formats(schema: Any) -> set[str]:
    """Takes ``format`` out of the subschemas of ``$ref`` properties (``properties.$ref``,
    ``patternProperties.^\\$ref$``) in place; returns the formats taken out."""
    removed: set[str] = set()
    stack = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for keyword, name in (("properties", "$ref"), ("patternProperties", "^\\$ref$")):
            members = node.get(keyword)
            sub = members.get(name) if isinstance(members, dict) else None
            if isinstance(sub, dict) and isinstance(sub.get("format"), str):
                removed.add(sub.pop("format"))
        stack.extend(node.values())
    return removed


def _jsonschema_rs_validator(schema: Any, root: str) -> Any:
    try:
        import jsonschema_rs  # loaded on first use: small documents never need it
    except ImportError:  # pragma: no cover - a declared dependency; Ajv alone still works
        return None
    registry = jsonschema_rs.Registry(list(_reached(root)))
    return jsonschema_rs.validator_for(
        schema, registry=registry, validate_formats=True, formats=_FAST_FORMATS
    )


@cache
def _reached(root: str) -> tuple[tuple[str, Any], ...]:
    """(URI, schema) of the bundled schemas that ``root`` reaches, itself included: those whose
    URI its text names, and theirs in turn. The registry jsonschema-rs and Ajv need for it; all
    eleven cost a document of 3.0 about 7 ms more, to read and to index."""
    names, queue = {root: _URIS[root]}, [root]
    while queue:
        text = orjson.dumps(bundled_schema(queue.pop()))
        for name, uri in _SCHEMAS:
            if name not in names and uri.encode() in text:
                names[name] = uri
                queue.append(name)
    return tuple((uri, bundled_schema(name)) for name, uri in names.items())


_URIS = dict(_SCHEMAS)


def _property_text(path: tuple, message: str) -> str:
    cleaned = message.replace("'", '"').replace('"', '"').replace("NOT", "not")
    if not path:
        return cleaned
    segment = str(path[-1]).replace("~", "~0").replace("/", "~1")
    return f'"{segment}" property {cleaned}'


def _value_at(document: Any, path: tuple) -> Any:
    node = document
    for segment in path:
        in_object = isinstance(node, dict) and segment in node
        in_array = isinstance(node, list) and isinstance(segment, int) and segment < len(node)
        if not (in_object or in_array):
            return None
        node = node[segment]
    return node


def _result(document: Any, error: AjvError) -> FunctionResult | None:
    path = error.instance_path
    if error.keyword == "if":
        return None
    if error.keyword == "additionalProperties":
        extra = error.params.get("additionalProperty")
        return FunctionResult(f'Property "{extra}" is not expected to be here', (*path, extra))
    if error.keyword == "enum":
        allowed = error.params.get("allowedValues", [])
        printed = ", ".join(_json(value) for value in allowed)
        value = _value_at(document, path) if isinstance(document, dict) else None
        best = best_match(value, allowed) if isinstance(value, str) else None
        suggestion = f'. Did you mean "{best}"?' if best is not None else ""
        return FunctionResult(f"{_property_text(path, error.message)}: {printed}{suggestion}", path)
    if error.keyword == "errorMessage":
        return FunctionResult(error.message, path)
    return FunctionResult(_property_text(path, error.message), path)


def _json(value: Any) -> str:
    return json_stringify(value)


@rule_function("oasDocumentSchema")
def oas_document_schema(target: Any, options: Any, context: FunctionContext):
    if not context.formats:
        return None
    results = (
        _result(target, error)
        for error in document_errors(target, context.formats, _refs_of(target, context))
    )
    return [result for result in results if result is not None]


def _refs_of(target: Any, context: FunctionContext) -> list[str] | None:
    """The string values of every ``$ref`` member of ``target``, from the engine's index when
    the target is the document it indexed."""
    refs_of = getattr(context.resolver, "refs_of", None)
    root = getattr(context.resolver, "root", None)
    if refs_of is None or root is None or root.data is not target:
        return None
    return [ref for _, ref in refs_of(root)]


FUNCTIONS = {"oasDocumentSchema": oas_document_schema}
