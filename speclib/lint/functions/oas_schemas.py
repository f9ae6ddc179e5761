"""spectral:oas functions about Schema Objects: oasSchema (a value against an OpenAPI schema),
oasExample (examples and defaults against their schema), typedEnum and oasDiscriminator.

OpenAPI 2.0 and 3.0 schemas are validated as JSON Schema draft 4 (``nullable`` and
``x-nullable`` allowing null), 3.1 and 3.2 ones in the document's ``jsonSchemaDialect`` or
2020-12. Spectral validates a fresh copy of each schema per rule match; this module keeps one
per schema and per copy variant, and reproduces the copy's effects (the meta-schema check on
the first value, read-only and write-only properties not required in requests or responses).
"""

from __future__ import annotations

import copy
from typing import Any

import orjson

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from ._js import UNDEFINED, print_value
from ._run import run_state
from .ajv import AjvError
from .schema import ajv_for, extract_draft, failing, validate_against, verdict_node

__all__ = ["FUNCTIONS", "oas_schema_check"]

# Keywords whose value is a subschema, a list of them or a map of them (json-schema-traverse).
_SINGLE = ("additionalItems", "items", "contains", "additionalProperties", "propertyNames")
_SINGLE += ("not", "if", "then", "else")
_LISTS = ("items", "allOf", "anyOf", "oneOf")
_MAPS = ("$defs", "definitions", "properties", "patternProperties", "dependencies")


def _traverse(schema: Any, visit, parent: Any = None, keyword: str | None = None, name=None):
    """json-schema-traverse's walk: ``visit(schema, parent, keyword, name)`` for every subschema;
    a False return skips what is below."""
    if not isinstance(schema, dict):
        return
    if visit(schema, parent, keyword, name) is False:
        return
    for key in _SINGLE:
        if isinstance(schema.get(key), dict):
            _traverse(schema[key], visit, schema, key)
    for key in _LISTS:
        if isinstance(schema.get(key), list):
            for item in schema[key]:
                _traverse(item, visit, schema, key)
    for key in _MAPS:
        if isinstance(schema.get(key), dict):
            for prop, item in schema[key].items():
                _traverse(item, visit, schema, key, prop)


def _dialect(context: FunctionContext) -> tuple[str, bool]:
    """(dialect, whether ``nullable`` widens type errors) for the document's format."""
    formats = context.formats
    if "oas3.2" in formats or "oas3.1" in formats:
        declared = context.raw.get("jsonSchemaDialect") if isinstance(context.raw, dict) else None
        if isinstance(declared, str):
            return extract_draft(declared) or "draft2020-12", False
        return "draft2020-12", False
    if "oas3.0" in formats or "oas2" in formats:
        return "draft4", True
    return "draft4", False


def _widen_nullable(errors: list[AjvError]) -> None:
    """Spectral's rewriteNullable: a type error where the schema says ``nullable: true`` also
    allows null (when Spectral's walk down the schema path reaches that schema)."""
    for error in errors:
        parent = error.parent_schema
        widened = isinstance(parent, dict) and parent.get("nullable") is True
        if error.keyword == "type" and error.visible and widened:
            error.message += ",null"


def _without_x_nullable(schema: Any) -> Any:
    """An OpenAPI 2.0 schema with ``x-nullable: true`` written as ``nullable: true``."""
    if not _mentions(schema, "x-nullable"):
        return schema  # nothing to rewrite; compiled results are cached by content anyway
    copied = copy.deepcopy(schema)

    def visit(node, *_):
        if node.get("x-nullable") is True:
            node["nullable"] = True
            del node["x-nullable"]

    _traverse(copied, visit)
    return copied


def _mentions(schema: Any, key: str) -> bool:
    """Whether ``key`` is a member name anywhere in ``schema``."""
    try:
        # In JSON text a member name is the only string followed by a colon.
        return f'"{key}":'.encode() in orjson.dumps(schema)
    except TypeError:  # keys that are not strings, too deep
        return _mentions_walk(schema, key)


def _mentions_walk(schema: Any, key: str) -> bool:
    if isinstance(schema, dict):
        return key in schema or any(_mentions_walk(value, key) for value in schema.values())
    if isinstance(schema, list):
        return any(_mentions_walk(item, key) for item in schema)
    return False


def oas_schema_check(
    target: Any,
    schema: Any,
    context: FunctionContext,
    path: tuple[str | int, ...],
    *,
    meta: bool | None = None,
) -> list[FunctionResult]:
    """oasSchema: ``target`` against an OpenAPI ``schema``, results at ``path``."""
    dialect, nullable, schema, meta = _prepared(schema, context, meta)
    prepare = _widen_nullable if nullable else None
    return validate_against(
        target, schema, context, dialect=dialect, path=path, meta=meta, prepare=prepare
    )


def _prepared(schema: Any, context: FunctionContext, meta: bool | None) -> tuple:
    """(dialect, whether nullable widens type errors, schema, meta) as Spectral validates
    against ``schema`` in this document."""
    dialect, nullable = _dialect(context)
    if "oas2" in context.formats and isinstance(schema, dict):
        state = run_state(context)
        cache = state.setdefault("oas2-schemas", {})
        entry = cache.get(id(schema))
        if entry is None:
            entry = cache[id(schema)] = (schema, _without_x_nullable(schema))
        schema = entry[1]
        meta = True  # Spectral copies the schema on every call: Ajv sees a new object
    return dialect, nullable, schema, meta


@rule_function(
    "oasSchema",
    options={
        "type": "object",
        "properties": {"schema": {"type": "object"}},
        "additionalProperties": False,
    },
)
def oas_schema(target: Any, options: dict[str, Any], context: FunctionContext):
    return oas_schema_check(target, options.get("schema", {}), context, context.path)


def _oas_schema_many(targets: list[Any], options: dict[str, Any], context_of: Any):
    """``oasSchema`` over all of a rule's targets (the engine's batch form): one schema, so
    one compiled node gives each target's verdict, and the function runs, with its context,
    only for the targets that fail it (``duplicated-entry-in-enum`` checks every enum of a
    document). Without a node (a schema that does not compile) it runs for every target."""
    node = None
    if targets:
        first = context_of(0)
        dialect, _, schema, meta = _prepared(options.get("schema", {}), first, None)
        node = verdict_node(schema, first, dialect=dialect, meta=meta)
    return failing(oas_schema, node, targets, options, context_of)


oas_schema.many = _oas_schema_many  # type: ignore[attr-defined]


REQUEST_MEDIA = {3: (("components", "requestBodies"), ("paths", "*", "*", "requestBody"))}
RESPONSE_MEDIA = {
    2: (("responses",), ("paths", "*", "*", "responses")),
    3: (("components", "responses"), ("paths", "*", "*", "responses")),
}


def _under(path: tuple, prefixes: tuple) -> bool:
    return any(
        all(
            part == "*" or (index < len(path) and part == path[index])
            for index, part in enumerate(prefix)
        )
        for prefix in prefixes
    )


def _media_items(target: dict[str, Any], path: tuple, version: int):
    """Spectral's getMediaValidationItems: the first of ``example``/``examples`` present."""
    fields = (
        (("examples", True, False),)
        if version == 2
        else (
            ("example", False, False),
            ("examples", True, True),
        )
    )
    for field, multiple, keyed in fields:
        if field not in target:
            continue
        value = target[field]
        if not multiple:
            return [(value, (*path, field))]
        if isinstance(value, dict):
            entries = list(value.items())
        elif isinstance(value, list):
            entries = list(enumerate(value))
        else:
            return []
        items = []
        for key, example in entries:
            if (
                version == 3
                and keyed
                and (not isinstance(example, dict | list) or _has(example, "externalValue"))
            ):
                continue
            if keyed:
                shown = example.get("value", UNDEFINED) if isinstance(example, dict) else UNDEFINED
                items.append((shown, (*path, field, key, "value")))
            else:
                items.append((example, (*path, field, key)))
        return items
    return []


def _has(value: Any, key: str) -> bool:
    return isinstance(value, dict) and key in value


def _relaxed(schema: Any, read_only: bool, write_only: bool, context: FunctionContext) -> Any:
    """The schema with read-only (in requests) or write-only (in responses) properties taken
    out of ``required``, as Spectral's relaxRequired does on its copy."""
    if not (read_only or write_only) or not isinstance(schema, dict):
        return schema
    key = "readOnly" if read_only else "writeOnly"
    cache = run_state(context).setdefault("relaxed-schemas", {})
    entry = cache.get((id(schema), key))
    if entry is None:
        relaxed = _relax(schema, key) if _mentions(schema, key) else schema
        entry = cache[(id(schema), key)] = (schema, relaxed)
    return entry[1]


def _relax(schema: dict[str, Any], key: str) -> dict[str, Any]:
    copied = copy.deepcopy(schema)

    def visit(node, parent, keyword, name):
        if keyword == "not":
            return False  # what is under "not" keeps its required list
        if node.get(key) is True and keyword == "properties" and isinstance(parent, dict):
            required = parent.get("required")
            if isinstance(required, list):
                kept = [item for item in required if item != name]
                if kept:
                    parent["required"] = kept
                else:
                    del parent["required"]
        return None

    _traverse(copied, visit)
    return copied


def _without_required_flag(schema: Any, context: FunctionContext) -> Any:
    """OpenAPI 2.0 parameters say ``required: true``; Spectral drops it from the schema."""
    if not isinstance(schema, dict) or not isinstance(schema.get("required"), bool):
        return schema
    cache = run_state(context).setdefault("oas2-required", {})
    entry = cache.get(id(schema))
    if entry is None:
        stripped = {key: value for key, value in schema.items() if key != "required"}
        entry = cache[id(schema)] = (schema, stripped)
    return entry[1]


OAS_EXAMPLE_OPTIONS = {
    "type": "object",
    "properties": {
        "oasVersion": {"enum": [2, 3]},
        "schemaField": {"type": "string"},
        "type": {"enum": ["media", "schema"]},
    },
    "additionalProperties": False,
}
SCHEMA_FIELDS = {2: ("example", "x-example", "default"), 3: ("example", "default")}


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


@rule_function("oasExample", options=OAS_EXAMPLE_OPTIONS, accepts=_is_object)
def oas_example(target: dict[str, Any], options: dict[str, Any], context: FunctionContext):
    checks = _example_checks(target, options, context.path, context)
    if checks is None:
        return None
    schema, items = checks
    results: list[FunctionResult] = []
    for index, (value, item_path) in enumerate(items):
        # Spectral checks the meta-schema of its fresh copy once, for the first value.
        results += oas_schema_check(value, schema, context, item_path, meta=index == 0)
    return results or None


def _example_checks(
    target: dict[str, Any], options: dict[str, Any], path: tuple, context: FunctionContext
) -> tuple[Any, list[tuple[Any, tuple]]] | None:
    """What oasExample checks on a target at ``path``: the schema (as the document's version
    has it checked) and the (value, path) of each example or default; None when it has none.
    ``context`` is read for the run's state and the document's formats only."""
    version = options.get("oasVersion", 3)
    field = options.get("schemaField", "$")
    schema = target if field == "$" else target.get(field, UNDEFINED)
    if options.get("type") == "schema":
        items = [(target[name], (*path, name)) for name in SCHEMA_FIELDS[version] if name in target]
    else:
        items = _media_items(target, path, version)
    if not items:
        return None
    if "oas2" in context.formats:
        schema = _without_required_flag(schema, context)
    media = options.get("type") == "media"
    schema = _relaxed(
        schema,
        media and _under(path, REQUEST_MEDIA.get(version, ())),
        media and _under(path, RESPONSE_MEDIA[version]),
        context,
    )
    return schema, items


def _oas_example_many(targets: list[Any], options: dict[str, Any], context_of: Any):
    """``oasExample`` over all of a rule's targets (the engine's batch form): a target whose
    every value a first verdict finds valid against its schema (which passes its meta-schema)
    has no results, found without a context or the call chain of each check (Mailchimp's
    description has 10,500 examples, nearly all valid); the function runs, with its context,
    for the other targets."""
    if not targets:
        return
    first = context_of(0)  # the run's state and formats, the same for every target
    dialect = _dialect(first)[0]
    ajv = ajv_for(first, dialect)
    paths = context_of.paths
    for index, target in enumerate(targets):
        if not isinstance(target, dict):
            continue  # not an object: no results (the function's input check)
        checks = _example_checks(target, options, paths[index], first)
        if checks is None:
            continue
        schema = _prepared(checks[0], first, True)[2]  # what validate_against is given
        if ajv.meta_error(schema) is None and all(
            value is not UNDEFINED and ajv.known_valid(schema, value) for value, _ in checks[1]
        ):
            continue
        results = oas_example(target, options, context_of(index))
        if results:
            yield index, results


oas_example.many = _oas_example_many  # type: ignore[attr-defined]


def _typed_enum_input(value: Any) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("enum"), list):
        return False
    declared = value.get("type", UNDEFINED)
    return isinstance(declared, str) or (
        isinstance(declared, list) and all(isinstance(item, str) for item in declared)
    )


def _value_type(value: Any, integers: bool) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, str):
        return "string"
    if isinstance(value, int | float):
        whole = isinstance(value, int) or value.is_integer()
        return "integer" if integers and whole else "number"
    if value is None:
        return "null"
    return "array" if isinstance(value, list) else "object"


@rule_function("typedEnum", accepts=_typed_enum_input)
def typed_enum(target: dict[str, Any], options: Any, context: FunctionContext):
    results = [
        FunctionResult(message, (*context.path, "enum", index))
        for index, message in _mistyped(target, context.formats)
    ]
    return results or None


# For one declared type, the values that are of it whatever else the schema says (checked
# first: most enums are all strings).
_ALL_OF_TYPE = {
    "string": lambda value: type(value) is str,
    "integer": lambda value: type(value) is int,
    "boolean": lambda value: type(value) is bool,
    "number": lambda value: type(value) is int or type(value) is float,
}


def _mistyped(target: dict[str, Any], formats: frozenset[str]) -> list[tuple[int, str]]:
    """(index, message) of each enum value that is not of the declared type."""
    declared = target["type"]
    of_type = _ALL_OF_TYPE.get(declared) if isinstance(declared, str) else None
    if of_type is not None and all(map(of_type, target["enum"])):
        return []
    nullable = (target.get("nullable") is True and "oas3.0" in formats) or (
        target.get("x-nullable") is True and "oas2" in formats
    )
    if nullable:
        declared = [*declared, "null"] if isinstance(declared, list) else [declared, "null"]
    integers = declared == "integer" or (isinstance(declared, list) and "integer" in declared)
    shown = ",".join(declared) if isinstance(declared, list) else declared
    found = []
    for index, value in enumerate(target["enum"]):
        kind = _value_type(value, integers)
        if kind == declared or (isinstance(declared, list) and kind in declared):
            continue
        found.append((index, f'Enum value {print_value(value)} must be "{shown}".'))
    return found


def _typed_enum_many(targets: list[Any], options: Any, context_of: Any):
    """``typedEnum`` over all of a rule's targets (the engine's batch form): a context only
    for the targets with results."""
    formats = context_of(0).formats if targets else frozenset()
    for index, target in enumerate(targets):
        if _typed_enum_input(target) and _mistyped(target, formats):
            yield index, typed_enum(target, options, context_of(index))


typed_enum.many = _typed_enum_many  # type: ignore[attr-defined]


def _discriminated(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("discriminator"), str)


@rule_function("oasDiscriminator", accepts=_discriminated)
def oas_discriminator(schema: dict[str, Any], options: Any, context: FunctionContext):
    name = schema["discriminator"]
    results = []
    properties = schema.get("properties")
    if not isinstance(properties, dict | list) or name not in (
        properties if isinstance(properties, dict) else ()
    ):
        message = "The discriminator property must be defined in this schema."
        results.append(FunctionResult(message, (*context.path, "properties")))
    required = schema.get("required")
    if not isinstance(required, list) or name not in [
        item for item in required if isinstance(item, str)
    ]:
        message = "The discriminator property must be in the required property list."
        results.append(FunctionResult(message, (*context.path, "required")))
    return results


FUNCTIONS = {
    "oasSchema": oas_schema,
    "oasExample": oas_example,
    "typedEnum": typed_enum,
    "oasDiscriminator": oas_discriminator,
}
