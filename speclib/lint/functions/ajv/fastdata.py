"""A first verdict on data from jsonschema-rs, for schemas both validators read alike.

Spectral's example rules validate thousands of examples against hundreds of schemas; building
the Ajv-faithful nodes of each schema and running them in Python is most of those rules' time.
Most examples are valid, and most of their schemas use a handful of keywords whose meaning
jsonschema-rs (compiled) and Ajv share exactly. For such a schema, jsonschema-rs validates the
data first; only data it does not call valid goes to the Ajv engine, which gives Spectral's
errors.

A schema qualifies ("plain") when every subschema holds only these keywords, with values of
the form Ajv compiles without error (so skipping Ajv's compilation skips no compile error):
``type``, ``nullable`` (true, beside a single type: null is added to the type, as Ajv does),
``properties``, ``additionalProperties``, ``required``, ``enum``, ``items`` and
``additionalItems``, ``allOf``/``anyOf``/``oneOf``/``not``, and the bounds on lengths, counts
and numbers. Members that neither validator reads (``description``, ``example``, ``x-...``) are
left out. Anything else leaves the schema to Ajv alone: ``$ref``; ``pattern`` and
``patternProperties`` (JavaScript's and Rust's regular expressions differ, and compiling a
pattern costs jsonschema-rs more than Ajv's whole check of a few values); ``format`` where its
check has work to do on data the schema's ``type`` lets through (a string format's checks
would call back into Python for every string: slower than Ajv's own run, measured; a format
Ajv does not know, one that passes everything, or int32 and int64 on integers, the bounds of
the first and nothing for the second, are plain);
``uniqueItems`` and ``multipleOf`` (equality and precision rules that differ)...

This is exact as long as jsonschema-rs never accepts what Ajv refuses on plain schemas; where
the two differ they differ the other way (jsonschema-rs does not take ``1.0`` for an integer in
draft 4), and anything it cannot read (keys that are not strings, lone surrogates) leaves the
verdict to Ajv. The tests compare the two on random schemas and values, and the corpus's
findings are the same with and without it.
"""

from __future__ import annotations

from typing import Any

from .fastmeta import first_verdict, worth_asking
from .formats import ALWAYS_VALID, FORMATS
from .texts import JsonTexts

__all__ = ["FastData"]

_DRAFTS = {
    "draft4": "Draft4Validator",
    "draft7": "Draft7Validator",
    "draft2020-12": "Draft202012Validator",  # OpenAPI 3.1's
}
_TYPES = frozenset(("array", "boolean", "integer", "null", "number", "object", "string"))
_COUNTS = frozenset(
    ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties")
)
_APPLICATORS = frozenset(("allOf", "anyOf", "oneOf"))
# Every keyword of any draft (and Ajv's nullable): a member named so that is not handled below
# makes the schema not plain; any other member is an annotation both validators ignore.
_KEYWORDS = frozenset(
    (
        "$schema", "$id", "id", "$ref", "$defs", "definitions", "$anchor", "$dynamicRef",
        "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor", "$vocabulary", "type", "enum",
        "const", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems",
        "maxContains", "minContains", "contains", "items", "prefixItems", "additionalItems",
        "unevaluatedItems", "maxProperties", "minProperties", "required", "dependentRequired",
        "dependencies", "dependentSchemas", "properties", "patternProperties",
        "additionalProperties", "unevaluatedProperties", "propertyNames", "allOf", "anyOf",
        "oneOf", "not", "if", "then", "else", "format", "contentEncoding", "contentMediaType",
        "contentSchema", "nullable",
    )
)  # fmt: skip


class _NotPlain(Exception):
    pass


_INT32 = {"minimum": -(2**31), "maximum": 2**31 - 1}


def _format_bounds(schema: dict[str, Any], name: Any) -> dict[str, Any] | None:
    """What ``format`` asks of the data that passes the schema's ``type``, as plain keywords:
    nothing (None) for a format Ajv does not know (strict mode is off), one whose check passes
    every value, or one whose data type the schema's ``type`` leaves out; int32's bounds for
    integers. Raises _NotPlain for the rest (a string format's check, a number
    format where ``type`` allows numbers that are not integers, no ``type``): Ajv decides."""
    if not isinstance(name, str):
        raise _NotPlain  # Ajv refuses to compile it
    known = FORMATS.get(name)
    if known is None or name in ALWAYS_VALID:
        return None
    declared = schema.get("type")
    types = [declared] if isinstance(declared, str) else declared
    if not isinstance(types, list):
        raise _NotPlain  # the format applies to every string, or every number
    kind = known[0]
    if kind == "string":
        if "string" in types:
            raise _NotPlain
        return None
    # a number format: int32 or int64, whose check asks for an integer (int32 within bounds)
    if "number" in types:
        raise _NotPlain
    if "integer" not in types:
        return None
    if name == "int32":
        return _INT32
    if name == "int64":
        return None  # what passes type integer is an integer
    raise _NotPlain


class FastData:
    """Verdicts on data for one Ajv instance (its dialect)."""

    def __init__(self, dialect: str, texts: JsonTexts | None = None) -> None:
        self.draft = _DRAFTS.get(dialect)
        self.draft4 = dialect == "draft4"
        self.draft2020 = dialect == "draft2020-12"  # items is one schema; no additionalItems
        self.values = 0
        self.texts = texts if texts is not None else JsonTexts()
        self._by_id: dict[int, tuple[Any, Any]] = {}  # id(schema) -> (schema, validator)
        self._by_content: dict[bytes, Any] = {}

    def valid(self, schema: Any, data: Any) -> bool:
        """True when jsonschema-rs finds ``data`` valid against the plain ``schema``; False
        when it does not, or cannot tell (then Ajv decides)."""
        self.values += 1
        if self.draft is None or not worth_asking(self.values):
            return False
        known = self._by_id.get(id(schema))
        if known is None:
            known = self._by_id[id(schema)] = (schema, self._validator(schema))
        return first_verdict(known[1], data)

    def _validator(self, schema: Any) -> Any:
        key = self.texts.of(schema)
        if key is None:  # keys that are not strings, too deep: not plain
            return None
        if key in self._by_content:
            return self._by_content[key]
        try:
            plain = self._plain(schema)
            import jsonschema_rs  # noqa: PLC0415 - a compiled module, loaded when a run needs it

            validator = getattr(jsonschema_rs, self.draft)(plain, validate_formats=False)
        except Exception:  # noqa: BLE001 - not plain, too deep, or refused by jsonschema-rs
            validator = None  # Ajv alone decides
        self._by_content[key] = validator
        return validator

    def _plain(self, schema: Any) -> dict[str, Any]:
        """The plain schema's copy for jsonschema-rs (annotations left out, ``nullable``
        folded into ``type``); raises _NotPlain if it is not plain."""
        if not isinstance(schema, dict):
            raise _NotPlain
        plain: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _COUNTS:
                if type(value) is not int or value < 0:
                    raise _NotPlain
                plain[key] = value
            elif key == "properties":
                if not isinstance(value, dict) or "__proto__" in value:
                    raise _NotPlain
                plain[key] = {name: self._plain(sub) for name, sub in value.items()}
            elif key == "type":
                kinds = value if isinstance(value, list) else [value]
                if not kinds or not all(isinstance(kind, str) and kind in _TYPES for kind in kinds):
                    raise _NotPlain
                if len(set(kinds)) != len(kinds):
                    raise _NotPlain
                plain[key] = value
            elif key == "nullable":
                declared = schema.get("type")
                if value is not True or not isinstance(declared, str) or declared == "null":
                    raise _NotPlain
            elif key in ("additionalProperties", "additionalItems"):
                if key == "additionalItems" and self.draft2020:
                    raise _NotPlain
                plain[key] = value if isinstance(value, bool) else self._plain(value)
            elif key == "items":
                items = value if isinstance(value, list) else None
                if items is not None and self.draft2020:
                    raise _NotPlain
                plain[key] = [self._plain(v) for v in items] if items else self._plain(value)
            elif key in _APPLICATORS:
                if not isinstance(value, list) or not value:
                    raise _NotPlain
                plain[key] = [*plain.get(key, ()), *(self._plain(sub) for sub in value)]
            elif key == "not":
                plain[key] = self._plain(value)
            elif key == "required":
                if not isinstance(value, list) or not value:
                    raise _NotPlain
                if not all(isinstance(name, str) for name in value):
                    raise _NotPlain
                if len(set(value)) != len(value):
                    raise _NotPlain
                plain[key] = value
            elif key == "enum":
                if not isinstance(value, list) or not value:
                    raise _NotPlain
                plain[key] = value
            elif key in ("minimum", "maximum"):
                if type(value) is not int and type(value) is not float:
                    raise _NotPlain
                plain[key] = value
            elif key in ("exclusiveMinimum", "exclusiveMaximum"):
                plain[key] = self._exclusive(schema, key, value)
            elif key == "format":
                bounds = _format_bounds(schema, value)
                if bounds is not None:
                    plain["allOf"] = [*plain.get("allOf", ()), bounds]
            elif key in _KEYWORDS:
                raise _NotPlain
        if schema.get("nullable") is True:
            plain["type"] = [schema["type"], "null"]  # Ajv's own reading of nullable
        return plain

    def _exclusive(self, schema: dict[str, Any], key: str, value: Any) -> Any:
        if self.draft4:  # a flag on its bound, which must be there (else Ajv refuses it)
            bound = "minimum" if key == "exclusiveMinimum" else "maximum"
            if type(value) is not bool or bound not in schema:
                raise _NotPlain
        elif type(value) is not int and type(value) is not float:
            raise _NotPlain
        return value
