"""A small notation for schema fields, and the JSON Schema each field becomes.

Fields are separated by spaces: `name[flags]:kind[(argument)][@since]`.

    amount!:money  status:enum(pending|paid|failed)  parent?~:ref(Category)  note:text@1.2

Flags: `!` required, `?` nullable, `~` read-only (shown, never written). Kinds are
the keys of KINDS, plus `enum(a|b)`, `ref(Schema)` and `list(kind or Schema)`.
`@1.2` makes the field appear from version 1.2 on.
"""

import re
from dataclasses import dataclass
from typing import Any

from catalog.demo.plans import minor_of

KINDS: dict[str, dict[str, Any]] = {
    "string": {"type": "string", "maxLength": 200},
    "text": {"type": "string", "maxLength": 5000},
    "int": {"type": "integer", "format": "int32"},
    "count": {"type": "integer", "format": "int32", "minimum": 0},
    "number": {"type": "number", "format": "double"},
    "percent": {"type": "number", "minimum": 0, "maximum": 100},
    "bool": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
    "datetime": {"type": "string", "format": "date-time"},
    "uuid": {"type": "string", "format": "uuid"},
    "email": {"type": "string", "format": "email"},
    "url": {"type": "string", "format": "uri"},
    "money": {
        "type": "integer",
        "format": "int64",
        "minimum": 0,
        "description": "An amount in the currency's minor unit (cents).",
    },
    "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 code."},
    "country": {"type": "string", "pattern": "^[A-Z]{2}$", "description": "ISO 3166-1 code."},
    "map": {"type": "object", "additionalProperties": {"type": "string"}},
    "awskey": {
        "type": "string",
        "pattern": "^AKIA[0-9A-Z]{16}$",
        "description": "AWS access key ID.",
    },
}

EXAMPLES: dict[str, Any] = {
    "date": "2025-03-14",
    "datetime": "2025-03-14T09:26:53Z",
    "uuid": "3f0c6f0e-8d2a-4c1e-9a57-1d2b9c4e7a10",
    "email": "jane.doe@example.com",
    "url": "https://www.example.com/",
    "money": 1999,
    "currency": "EUR",
    "country": "NL",
    # AWS's documented sample key: the shape of a real one, so the secrets rule flags it (the
    # Datasets API's version in review carries it, and its release waits for a reviewer).
    "awskey": "AKIAIOSFODNN7EXAMPLE",
}

FIELD = re.compile(
    r"(?P<name>[a-z][a-z0-9_]*)(?P<flags>[!?~]*):(?P<kind>[a-z]+)"
    r"(?:\((?P<argument>[^)]*)\))?(?:@(?P<since>\d+\.\d+))?"
)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    argument: str = ""
    required: bool = False
    nullable: bool = False
    read_only: bool = False
    since: str = "0.0"

    def present_in(self, version: str) -> bool:
        return minor_of(version) >= minor_of(self.since)


def fields_parse(notation: str) -> list[Field]:
    fields = []
    for token in notation.split():
        match = FIELD.fullmatch(token)
        if match is None:
            raise ValueError(f"Not a field: {token!r}")
        flags = match["flags"]
        fields.append(
            Field(
                name=match["name"],
                kind=match["kind"],
                argument=match["argument"] or "",
                required="!" in flags,
                nullable="?" in flags,
                read_only="~" in flags,
                since=match["since"] or "0.0",
            )
        )
    return fields


def schema_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def field_schema(field: Field, *, family: str) -> dict[str, Any]:
    """The field's schema in OpenAPI `family` ("3.0" or "3.1"), nullability included."""
    schema = _kind_schema(field.kind, field.argument)
    if field.read_only and "$ref" not in schema:
        schema["readOnly"] = True
    example = field.argument.split("|")[0] if field.kind == "enum" else EXAMPLES.get(field.kind)
    if example is not None and family == "3.1":
        schema["examples"] = [example]  # `example` is deprecated in 3.1's JSON Schema
    elif example is not None:
        schema["example"] = example
    if not field.nullable:
        return schema
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]  # or null would not be a valid value
    if "$ref" in schema:
        if family == "3.1":
            return {"anyOf": [schema, {"type": "null"}]}
        return {"allOf": [schema], "nullable": True}
    if family == "3.1":
        return {**schema, "type": [schema["type"], "null"]}
    return {**schema, "nullable": True}


def _kind_schema(kind: str, argument: str) -> dict[str, Any]:
    if kind == "enum":
        return {"type": "string", "enum": argument.split("|")}
    if kind == "ref":
        return schema_ref(argument)
    if kind == "list":
        items = dict(KINDS[argument]) if argument in KINDS else schema_ref(argument)
        return {"type": "array", "items": items}
    return dict(KINDS[kind])
