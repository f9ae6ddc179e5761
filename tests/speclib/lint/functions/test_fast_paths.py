"""The shortcuts taken for speed give the results of the long way.

Compiled schemas and meta-schema verdicts are reused between schemas with the same content, and
a whole document found valid by jsonschema-rs skips the Ajv-faithful engine.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pytest

from speclib.lint import builtin_ruleset, lint
from speclib.lint.functions import FUNCTIONS, oas_document
from speclib.lint.functions._js import UNDEFINED
from speclib.lint.functions.ajv import Ajv, SchemaError, fastmeta
from speclib.lint.functions.ajv.errors import escape_fragment
from speclib.lint.functions.ajv.fastmeta import FastMeta, first_verdict
from speclib.lint.functions.ajv.formats import FORMATS
from speclib.lint.functions.ajv.resources import normalize_uri
from speclib.lint.types import FunctionContext

from .support import context_for

SCHEMAS = Path(oas_document.__file__).parent / "schemas"
DRAFT4 = "http://json-schema.org/draft-04/schema"


def _petstore(paths: int) -> dict:
    operation = {"responses": {"200": {"description": "ok"}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1.0.0"},
        "paths": {f"/pets{index}": {"get": operation} for index in range(paths)},
    }


def _known_valid(document: dict, version: str, refs: list[str] | None = None) -> bool:
    """The document check's first verdict: jsonschema-rs's, with the references' format
    checked apart when the references are given."""
    return first_verdict(oas_document._checked_validator(version, refs), document)


def test_it_compiles_schemas_with_the_same_content_once():
    ajv = Ajv("draft4")
    first = {"type": "object", "required": ["id"]}
    second = json.loads(json.dumps(first))
    assert ajv.compile(first) is ajv.compile(second)
    assert [error.message for error in ajv.validate(ajv.compile(second), {})] == [
        "must have required property 'id'"
    ]


def test_it_refuses_every_copy_of_an_invalid_schema():
    ajv = Ajv("draft4")
    with pytest.raises(SchemaError, match="must be >= 0"):
        ajv.compile({"minLength": -1})
    with pytest.raises(SchemaError, match="must be >= 0"):
        ajv.compile({"minLength": -1})  # a new object: Ajv checks it again


def test_it_caches_schemas_without_json_text_by_identity_only():
    ajv = Ajv("draft4")
    schema = {"properties": {1: {"type": "string"}}}  # a key YAML read as a number
    assert ajv.compile(schema) is ajv.compile(schema)


def test_it_shares_subschemas_that_differ_in_what_ajv_ignores():
    ajv = Ajv("draft4")
    first = {"properties": {"a": {"type": "string", "description": "one", "x-tag": 1}}}
    second = {"properties": {"a": {"type": "string", "example": "two"}}, "required": ["a"]}
    third = {"properties": {"a": {"type": "string", "nullable": True}}}
    compiled = [ajv.compile(schema) for schema in (first, second, third)]
    children = [node.children[0] for node in compiled]
    assert children[0] is children[1]
    assert children[2] is not children[0]
    assert [error.message for error in ajv.validate(compiled[1], {"a": 1})] == ["must be string"]
    assert ajv.validate(compiled[2], {"a": None}) == []


def test_it_skips_ajv_for_a_document_jsonschema_rs_finds_valid():
    document = _petstore(25)
    assert _known_valid(document, "oas3.0")
    assert oas_document.document_errors(document, frozenset({"oas3", "oas3.0"})) == []


def test_it_leaves_an_invalid_document_to_ajv():
    document = _petstore(25)
    document["paths"]["/pets0"]["get"]["responses"]["200"] = {"content": {}}
    assert not _known_valid(document, "oas3.0")
    errors = oas_document.document_errors(document, frozenset({"oas3", "oas3.0"}))
    assert "must have required property 'description'" in [error.message for error in errors]


def test_it_leaves_what_jsonschema_rs_cannot_read_to_ajv():
    document = _petstore(25)
    document["paths"]["/pets0"]["get"]["responses"] = {200: {"description": "ok"}}
    assert not _known_valid(document, "oas3.0")


_MINIMAL = {
    "oas2": {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}},
    "oas3.0": {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}},
    "oas3.1": {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}},
    "oas3.2": {"openapi": "3.2.0", "info": {"title": "t", "version": "1"}, "paths": {}},
}


def _with_schema(version: str, schema: dict) -> dict:
    document = json.loads(json.dumps(_MINIMAL[version]))
    if version == "oas2":
        document["definitions"] = {"Pet": schema}
    else:
        document["components"] = {"schemas": {"Pet": schema}}
    return document


@pytest.mark.parametrize("version", ["oas2", "oas3.0", "oas3.1"])
def test_each_versions_validator_has_the_schemas_its_schema_reaches(version):
    # the registry holds only what the version's schema reaches: a schema left out would
    # fail the validator's build, or leave a reference unresolved when it is followed
    registered = dict(oas_document._reached(oas_document._ROOTS[version]))
    text = json.dumps(list(registered.values()))
    assert {uri for _, uri in oas_document._SCHEMAS if uri in text} <= set(registered)
    validator = oas_document._checked_validator(version, None)
    schema = {"type": "object", "properties": {"id": {"type": "integer"}}}
    assert _known_valid(_with_schema(version, schema), version)
    schema["properties"]["id"]["type"] = "whole number"  # not a JSON Schema type
    assert not first_verdict(validator, _with_schema(version, schema))


def test_a_32_document_is_left_to_ajv():
    # jsonschema-rs, by the specification, lets OpenAPI 3.2's schema check nested schemas as
    # "any object": it would call this document valid
    schema = {"type": "object", "properties": {"id": {"type": "whole number"}}}
    document = _with_schema("oas3.2", schema)
    assert oas_document._checked_validator("oas3.2", None) is None
    errors = oas_document.document_errors(document, frozenset({"oas3", "oas3.2"}))
    assert errors, "Ajv finds the nested schema invalid"


def _errors_both_ways(document: dict, version: str) -> tuple[list[str], list[str]]:
    """Ajv's errors for ``document`` read whole, and read where jsonschema-rs found errors."""
    ajv, root = oas_document._validator(version), oas_document._root(version)
    validator = oas_document._checked_validator(version, None)
    failing = oas_document._failing_paths(validator, document)
    assert failing, "jsonschema-rs finds the document invalid"
    whole = ajv.validate(root, document)
    passed_over = ajv.validate(root, document, failing=failing)
    return [repr((e, e.params)) for e in whole], [repr((e, e.params)) for e in passed_over]


def test_ajv_passes_over_what_jsonschema_rs_finds_valid_in_an_invalid_document():
    document = _petstore(25)
    operation = document["paths"]["/pets3"]["get"] = {
        "parameters": [{"name": "id", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok"}, "404": {"content": {}}},
    }
    operation["parameters"].append({"name": "page", "in": "cookie", "required": "yes"})
    whole, passed_over = _errors_both_ways(document, "oas3.0")
    assert len(whole) > 3  # errors inside oneOf branches, and below a member named with digits
    assert passed_over == whole


@pytest.mark.parametrize("keyword", ["not", "if", "anyOf", "oneOf"])
def test_ajv_reads_the_whole_of_a_branch(keyword):
    # Inside a branch an error may not show (a passing anyOf drops its branches' errors), so
    # what jsonschema-rs found says nothing there; $dynamicRef keeps Ajv off its verdict-only
    # path, into the full run.
    import jsonschema_rs  # noqa: PLC0415

    inner = {"properties": {"c": {"$dynamicRef": "#x"}}}
    branch = {
        "not": {"not": inner},
        "if": {"if": inner, "then": {"required": ["then"]}},
        "anyOf": {"anyOf": [inner, {"required": ["other"]}]},
        "oneOf": {"oneOf": [inner, {"required": ["other"]}]},
    }[keyword]
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {"x": {"$dynamicAnchor": "x", "required": ["b"]}},
        "required": ["must"],
        **branch,
    }
    data = {"c": {}}  # no "must" at the top; "c" fails the branch, unseen by jsonschema-rs
    ajv = Ajv("draft2020-12", all_errors=True)
    node = ajv.compile(schema)
    failing = oas_document._failing_paths(jsonschema_rs.validator_for(schema), data)
    assert ("c",) not in failing
    whole = ajv.validate(node, data)
    assert [repr(e) for e in ajv.validate(node, data, failing=failing)] == [repr(e) for e in whole]


def _locations(node: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_locations(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(_locations(value, (*path, index)))
    return found


def _mutated(document: dict, rng: random.Random, count: int) -> dict:
    """A copy of ``document`` with ``count`` random edits: a member's value of another type, a
    member added, or one removed."""
    copy = json.loads(json.dumps(document))
    for _ in range(count):
        path = rng.choice(_locations(copy)[1:])
        parent = copy
        for segment in path[:-1]:
            parent = parent[segment]
        edit = rng.randrange(3)
        if edit == 0:
            parent[path[-1]] = rng.choice([12, "text", [], {}, None, True])
        elif edit == 1 and isinstance(parent[path[-1]], dict):
            parent[path[-1]]["unexpected"] = 1
        elif isinstance(parent, dict):
            del parent[path[-1]]
    return copy


@pytest.mark.parametrize(
    ("name", "version"),
    [
        ("go-swagger/quay.io.json", "oas2"),
        ("apisguru/netlify.com.json", "oas3.0"),
        ("readme/3.1_train-travel.json", "oas3.1"),
    ],
)
def test_passing_over_what_jsonschema_rs_finds_valid_gives_ajvs_errors(corpus, name, version):
    # Random edits of real documents put errors in every kind of place: inside anyOf, oneOf and
    # not, below $refs, in arrays, under unevaluatedProperties (3.1).
    document = json.loads((corpus / "specs" / name).read_bytes())
    rng = random.Random(name)
    compared = 0
    for trial in range(200):
        edited = _mutated(document, rng, 1 + trial % 3)
        if _known_valid(edited, version):
            continue  # an edit the schema allows
        whole, passed_over = _errors_both_ways(edited, version)
        assert passed_over == whole, f"trial {trial}"
        compared += 1
        if compared == 20:
            break
    assert compared == 20


def test_it_checks_formats():
    document = _petstore(25)
    document["info"]["termsOfService"] = "https://example.com/terms"
    assert _known_valid(document, "oas3.0")
    document["info"]["termsOfService"] = "not a uri"
    assert not _known_valid(document, "oas3.0")
    errors = oas_document.document_errors(document, frozenset({"oas3", "oas3.0"}))
    assert [error.instance_path for error in errors] == [("info", "termsOfService")]


@pytest.mark.parametrize("version", ["oas3.0", "oas3.1"])
def test_it_checks_the_references_format_once_per_value_when_it_has_them(version):
    # The first verdict without the Reference Object's $ref format, plus that format checked
    # on every $ref value, is the verdict with it.
    document = _petstore(25)
    document["openapi"] = {"oas3.0": "3.0.3", "oas3.1": "3.1.0"}[version]
    responses = document["paths"]["/pets0"]["get"]["responses"]
    responses["404"] = {"$ref": "#/components/responses/Gone"}
    document["components"] = {"responses": {"Gone": {"description": "gone"}}}
    refs = ["#/components/responses/Gone"]
    assert _known_valid(document, version) is True
    assert _known_valid(document, version, refs) is True
    responses["404"]["$ref"] = refs[0] = "#/components/responses/a b"  # not a URI reference
    assert _known_valid(document, version) is False
    assert _known_valid(document, version, refs) is False
    # a $ref elsewhere (in an example, say) that fails the format: the validator that checks
    # the format wherever the schema asks for it decides
    responses["404"]["$ref"] = "#/components/responses/Gone"
    assert _known_valid(document, version, ["#/components/responses/Gone"])
    assert _known_valid(document, version, ["#/components/responses/Gone", "a b"])
    responses["404"]["$ref"] = "a b"
    assert not _known_valid(document, version, ["#/components/responses/Gone", "a b"])


def test_the_engine_hands_the_document_check_its_references(monkeypatch):
    handed = []
    real = oas_document._checked_validator
    monkeypatch.setattr(
        oas_document,
        "_checked_validator",
        lambda version, refs: handed.append(refs) or real(version, refs),
    )
    document = _petstore(25)
    document["paths"]["/pets0"]["get"]["responses"]["404"] = {"$ref": "#/components/responses/G"}
    document["components"] = {"responses": {"G": {"description": "gone"}}}
    report = lint(json.dumps(document).encode(), builtin_ruleset("spectral:oas"))
    assert [set(refs) for refs in handed] == [{"#/components/responses/G"}]
    assert "oas3-schema" not in {finding.code for finding in report.findings}


def _formats(schema: object):
    if isinstance(schema, dict):
        if isinstance(schema.get("format"), str):
            yield schema["format"]
        for value in schema.values():
            yield from _formats(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from _formats(item)


@pytest.mark.parametrize("name", sorted(path.name for path in SCHEMAS.glob("*.json")))
def test_it_only_meets_string_formats_in_the_document_schemas(name):
    # jsonschema-rs calls format checks on strings only: a number format would go unchecked.
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    for format_name in _formats(schema):
        assert FORMATS.get(format_name, ("string",))[0] == "string", format_name


def test_it_takes_jsonschema_rs_verdicts_on_meta_schemas_only_when_valid():
    ajv = Ajv("draft4")
    for index in range(40):  # past the warm-up, the fast verdict is in use
        ajv.compile({"type": "object", "properties": {f"p{index}": {"type": "string"}}})
    assert ajv._fast_meta.checks >= 40
    with pytest.raises(SchemaError, match="schema is invalid: data/minLength must be >= 0"):
        ajv.compile({"type": "string", "minLength": -1})
    with pytest.raises(SchemaError, match=r"data/required must NOT have fewer than 1 items"):
        ajv.compile({"type": "object", "required": []})


def test_it_leaves_meta_checks_jsonschema_rs_cannot_read_to_ajv(monkeypatch):
    import jsonschema_rs  # noqa: F401 - loaded, as the document check of a big one loads it

    fast = FastMeta()
    meta = json.loads(json.dumps(Ajv("draft4").registry.resources[DRAFT4]))
    assert fast.valid(meta, {"type": "string"}) is True  # from the first check
    assert fast.valid(meta, {"properties": {1: {"type": "string"}}}) is False
    assert fast.valid(meta, {"type": "strin"}) is False
    # Not loaded yet: a few checks are Ajv's alone before loading it pays.
    monkeypatch.delitem(sys.modules, "jsonschema_rs")
    fast = FastMeta()
    verdicts = [fast.valid(meta, {"type": "string"}) for _ in range(20)]
    assert verdicts[0] is False  # warming up: Ajv decides
    assert verdicts[-1] is True


def test_the_regex_format_asks_only_for_javascripts_syntax():
    valid = FORMATS["regex"][1]
    # V8 runs a lookbehind of variable width; Python's engine cannot, which does not matter here.
    assert valid("(?<=a+)b")
    assert valid("^[a-z]{2,5}$")
    assert not valid("(a")
    assert not valid("a{2,1}")


def test_it_tells_references_inside_a_schema_from_its_json_text():
    compiler = Ajv("draft4").compiler
    # Answers are remembered by object, as the document's objects live as long as the lint.
    schemas = [
        ({"type": "object", "example": {"id": 1}}, False),
        ({"type": "object", "example": {"$ref": "#/x"}}, True),  # hasRef looks into examples
        ([{"items": {"$dynamicRef": "#node"}}], True),
        # A key that merely ends with the text of one is no reference: the walk decides.
        ({"properties": {'a"$ref': {"type": "string"}}}, False),
        # Keys that are not strings have no JSON text: the walk decides.
        ({1: {"$ref": "#/x"}}, True),
        ({1: {"type": "string"}}, False),
    ]
    assert [compiler.refs_inside(schema) for schema, _ in schemas] == [
        expected for _, expected in schemas
    ]


def test_schema_path_segments_are_escaped_as_ajv_escapes_them():
    for segment in ("name", "x-rate_limit.1", "(a)*!'", "a/b", "a~b", "a b", "é", "", 3):
        pointer = str(segment).replace("~", "~0").replace("/", "~1")
        assert escape_fragment(segment) == quote(pointer, safe="-_.!~*'()")


class _Contexts:
    """The engine's batch contexts: made on demand, with the targets' paths."""

    def __init__(self, paths: list[tuple], formats: frozenset) -> None:
        self.document = {"openapi": "3.0.0"}  # a run's state is keyed by its document
        self.paths = paths
        self.formats = formats

    def __call__(self, index: int) -> FunctionContext:
        return context_for(self.document, self.paths[index], formats=self.formats)


def _one_by_one_and_batched(
    function, targets: list, options, formats: frozenset, paths: list[tuple] | None = None
) -> tuple:
    """A function's results target by target, and its batch form's, each in a run of its own
    (fresh caches: the first sight of a schema is part of what is compared)."""
    paths = paths or [("x", index) for index in range(len(targets))]

    def contexts() -> Callable[[int], FunctionContext]:
        return _Contexts(paths, formats)

    single = contexts()
    one_by_one = [(i, function(t, options, single(i))) for i, t in enumerate(targets)]
    return [(i, found) for i, found in one_by_one if found], list(
        function.many(targets, options, contexts())
    )


@pytest.mark.parametrize("formats", [frozenset({"oas3", "oas3.0"}), frozenset({"oas2"})])
@pytest.mark.parametrize(
    "schema",
    [
        {"type": "array", "uniqueItems": True},  # duplicated-entry-in-enum's
        {"type": "array", "minItems": -1},  # fails its meta-schema: the first target says so
        {"type": "array", "items": {"nullable": True}},  # does not compile (Ajv's error)
    ],
)
def test_the_schema_functions_batch_form_gives_what_calls_one_by_one_give(schema, formats):
    oas_schema = FUNCTIONS["oasSchema"]
    targets = [["a", "b"], ["a", "a"], UNDEFINED, "text", [1, 1.0], [], [{"a": 1}, {"a": 1}]]
    expected, batched = _one_by_one_and_batched(oas_schema, targets, {"schema": schema}, formats)
    assert batched == expected
    assert expected  # something to compare


_EXAMPLE_SCHEMAS = [
    {"type": "string", "example": "a"},
    {"type": "string", "example": 1},
    {"type": "string", "minLength": -1, "example": "a"},  # fails its meta-schema
    {"type": "string", "enum": ["a", "a"], "example": "a"},  # fails it, yet plain
    {"x-nullable": True, "example": "a"},  # 2.0: nullable without type, which Ajv refuses
    {"type": "string", "nullable": True, "example": None},
    {"type": "string", "x-nullable": True, "example": None},
    {"type": "object", "properties": {"a": {"type": "integer"}}, "example": {"a": 1},
     "default": {"a": "one"}},
    {"type": "string", "format": "date-time", "example": "not a date"},
    {"type": "integer", "format": "int32", "example": 2**31},
    {"type": "object", "required": ["id"], "properties": {"id": {"readOnly": True}},
     "example": {}},
    {"type": "string"},
    "not an object",
]  # fmt: skip


@pytest.mark.parametrize("formats", [frozenset({"oas3", "oas3.0"}), frozenset({"oas2"})])
@pytest.mark.parametrize("kind", ["schema", "media"])
def test_the_example_functions_batch_form_gives_what_calls_one_by_one_give(formats, kind):
    oas_example = FUNCTIONS["oasExample"]
    version = 2 if "oas2" in formats else 3
    if kind == "schema":
        options = {"oasVersion": version, "schemaField": "$", "type": "schema"}
        targets = list(_EXAMPLE_SCHEMAS)
    else:
        options = {"oasVersion": version, "schemaField": "schema", "type": "media"}
        targets = []
        for schema in json.loads(json.dumps(_EXAMPLE_SCHEMAS)):
            if not isinstance(schema, dict) or "example" not in schema:
                targets.append(schema)
                continue
            example = schema.pop("example")
            media = {"application/json": example}
            shown = {"examples": media} if version == 2 else {"example": example}
            targets.append({"schema": schema, **shown})
        targets.append({"schema": {"type": "string"}, "examples": {"a": {"value": 1}, "b": {}}})
        targets.append({"schema": {"type": "string"}, "examples": {"a": {"value": "x"}}})
    # request bodies and responses relax required read-only and write-only properties
    where = [("paths", "/a", "post", "requestBody", "content", "application/json"),
             ("paths", "/a", "get", "responses", "200", "content", "application/json"),
             ("components", "schemas", "x")]  # fmt: skip
    paths = [where[index % 3] for index in range(len(targets))]
    expected, batched = _one_by_one_and_batched(oas_example, targets, options, formats, paths)
    assert batched == expected
    assert 3 <= len(expected) < len(targets)


@pytest.mark.parametrize("formats", [frozenset({"oas3", "oas3.0"}), frozenset({"oas2"})])
def test_the_typed_enum_batch_form_gives_what_calls_one_by_one_give(formats):
    typed_enum = FUNCTIONS["typedEnum"]
    targets = [
        {"type": "string", "enum": ["a", 1]},
        {"type": "integer", "enum": [1, 2.0, 2.5]},
        {"type": ["string", "null"], "enum": ["a", None]},
        {"type": "string", "nullable": True, "enum": [None]},
        {"type": "string", "x-nullable": True, "enum": [None, True]},
        {"enum": [1]},
        "not an object",
    ]
    expected, batched = _one_by_one_and_batched(typed_enum, targets, None, formats)
    assert batched == expected
    assert [i for i, _ in expected] == ([0, 1, 3, 4] if "oas2" in formats else [0, 1, 4])


@pytest.mark.parametrize(
    "options",
    [
        {"dialect": "draft7", "schema": {"type": "array", "minItems": 1}},  # operation-tags'
        {"schema": {"type": "array", "minItems": "one"}},  # fails its meta-schema
        {"schema": {"$ref": "#/nowhere"}},  # does not compile
        {"schema": {"$id": "urn:x", "type": "string"}},  # the first schema under an $id
    ],
)
def test_the_schema_functions_batch_form_gives_what_calls_one_by_one_give_too(options):
    schema = FUNCTIONS["schema"]
    targets = [["a"], [], UNDEFINED, "text", None, [1, 2]]
    expected, batched = _one_by_one_and_batched(schema, targets, options, frozenset())
    assert batched == expected
    assert expected


@pytest.mark.parametrize("name", ["truthy", "falsy", "defined", "undefined"])
def test_the_truthiness_batch_forms_give_what_calls_one_by_one_give(name):
    function = FUNCTIONS[name]
    targets = [UNDEFINED, None, 0, "", "a", [], {}, False, True, 0.5]
    expected, batched = _one_by_one_and_batched(function, targets, None, frozenset())
    assert [(i, [r.message for r in found]) for i, found in batched] == [
        (i, [r.message for r in found]) for i, found in expected
    ]
    assert 0 < len(expected) < len(targets)


def _random_schema(rng: random.Random, depth: int = 0) -> dict:
    """A schema of the keywords fastdata calls plain, with values Ajv compiles (mostly)."""
    schema: dict[str, Any] = {}
    kind = rng.choice(["string", "integer", "number", "boolean", "object", "array", None])
    if kind is not None:
        schema["type"] = kind
        if rng.random() < 0.3:
            schema["nullable"] = True
    if rng.random() < 0.3:
        schema["type"] = rng.sample(["string", "integer", "null", "object"], 2)
    if rng.random() < 0.25:
        # plain where the schema's type leaves the check nothing to do, or where it asks for
        # an integer (int32's bounds); a string check, or a number one that type allows, not
        schema["format"] = rng.choice(
            ["int32", "int64", "float", "double", "password", "binary", "phone-number", "uri",
             "date-time", "byte", "email"]
        )  # fmt: skip
    if kind == "string" and rng.random() < 0.4:
        schema[rng.choice(["minLength", "maxLength"])] = rng.randrange(3)
    if kind in ("integer", "number") and rng.random() < 0.5:
        bound = rng.choice(["minimum", "maximum"])
        schema[bound] = rng.choice([0, 1, 1.5, -2])
        if rng.random() < 0.5:
            schema["exclusive" + bound[:1].upper() + bound[1:]] = True
    if rng.random() < 0.2:
        schema["enum"] = rng.sample([1, 1.0, "a", None, True, [1], {"a": 1}, 0], 3)
    if depth < 3 and (kind == "object" or rng.random() < 0.2):
        names = rng.sample(["a", "b", "c", "d"], rng.randrange(1, 4))
        schema["properties"] = {name: _random_schema(rng, depth + 1) for name in names}
        if rng.random() < 0.5:
            schema["required"] = names[: rng.randrange(1, len(names) + 1)]
        if rng.random() < 0.4:
            schema["additionalProperties"] = rng.choice([False, _random_schema(rng, depth + 1)])
        if rng.random() < 0.2:
            schema[rng.choice(["minProperties", "maxProperties"])] = rng.randrange(3)
    if depth < 3 and (kind == "array" or rng.random() < 0.1):
        schema["items"] = _random_schema(rng, depth + 1)
        if rng.random() < 0.3:
            schema[rng.choice(["minItems", "maxItems"])] = rng.randrange(3)
    if depth < 2 and rng.random() < 0.15:
        keyword = rng.choice(["allOf", "anyOf", "oneOf"])
        schema[keyword] = [_random_schema(rng, depth + 1) for _ in range(rng.randrange(1, 3))]
    if depth < 2 and rng.random() < 0.05:
        schema["not"] = _random_schema(rng, depth + 1)
    if rng.random() < 0.3:
        schema["description"] = "annotations are left out"
        schema["x-extension"] = {"type": "integer"}
    return schema


_VALUES = [
    None, True, False, 0, 1, 1.0, 1.5, -2, 2**40, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1, 3.0,
    "", "a", "\U0001f600", "\u00e9\u00e9\u00e9",
    "https://example.com/a?b#c", "/relative/path", "2021-02-29T10:00:00Z", "2020-02-29",
    "not-an-email@", "a@b.co", "123e4567-e89b-12d3-a456-426614174000", "aGVsbG8=", [], [1, "a"],
    [None, None, None], {}, {"a": 1}, {"a": "x", "b": None, "c": [1]}, {"d": {"a": 1.0}},
]  # fmt: skip


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    if depth < 2 and rng.random() < 0.3:
        return {name: _random_value(rng, depth + 1) for name in rng.sample("abcd", 2)}
    if depth < 2 and rng.random() < 0.15:
        return [_random_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    return rng.choice(_VALUES)


@pytest.mark.parametrize("dialect", ["draft4", "draft7", "draft2020-12"])
def test_jsonschema_rs_calls_valid_only_what_ajv_finds_valid(dialect):
    # fastdata's claim, on random schemas of its keywords against random values: whatever
    # jsonschema-rs calls valid, Ajv builds the schema without error (its meta-schema check
    # is made apart) and validates without errors.
    from speclib.lint.functions.ajv import fastdata  # noqa: PLC0415

    rng = random.Random(dialect)
    fast = fastdata.FastData(dialect)
    fast.values = fastmeta._WORTH_IT  # past the warm-up, whether jsonschema-rs is loaded or not
    ajv = Ajv(dialect)
    plain = agreed = refused = 0
    for _ in range(400):
        schema = _random_schema(rng)
        for _ in range(5):
            value = _random_value(rng)
            if fast.valid(schema, value):
                assert ajv.validate(ajv.build(schema), value) == [], (schema, value)
                agreed += 1
            elif fast._by_id[id(schema)][1] is not None:
                refused += 1
        plain += fast._by_id[id(schema)][1] is not None
    # the fast path was taken, and often; and jsonschema-rs refuses values too
    assert plain >= 200 and agreed >= 200 and refused >= 200


def test_the_fast_verdict_leaves_other_schemas_and_data_to_ajv():
    from speclib.lint.functions.ajv import fastdata  # noqa: PLC0415

    fast = fastdata.FastData("draft4")
    fast.values = fastmeta._WORTH_IT  # past the warm-up, whether jsonschema-rs is loaded or not
    not_plain = [
        {"$ref": "#/definitions/a"},
        {"type": "string", "pattern": "^a"},
        {"patternProperties": {"^a": {}}},
        {"type": "array", "uniqueItems": True},
        {"type": "number", "multipleOf": 0.1},
        {"type": "number", "format": "int32"},  # 1.5 passes the type, not the format
        {"format": "int64"},
        {"type": ["string", "null"], "format": "date-time"},
        {"type": "integer", "format": 32},
        {"type": "string", "nullable": "yes"},
        {"nullable": True},
        {"exclusiveMaximum": True},  # without maximum: Ajv refuses it
        {"required": []},
        {"type": "strange"},
        {"properties": {"__proto__": {}}},
        {"const": 1},
        {"type": "object", "properties": {"a": {"if": {}}}},
    ]
    for schema in not_plain:
        assert fast.valid(schema, "a") is False
        assert fast._by_id[id(schema)][1] is None, schema
    plain = {"type": "object", "properties": {"n": {"type": "integer", "nullable": True}}}
    assert fast.valid(plain, {"n": None}) is True
    assert fast.valid(plain, {"n": 1.5}) is False
    # what jsonschema-rs cannot read (keys that are not strings; a lone surrogate, which the
    # loaders refuse anyway)
    assert fast.valid(plain, {1: 2}) is False
    assert fast.valid({"type": "string", "maxLength": 1}, "a\ud800") is False


@pytest.mark.parametrize("dialect", ["draft4", "draft7", "draft2020-12"])
def test_formats_that_leave_valid_data_nothing_to_check_keep_a_schema_plain(dialect):
    # Formats Ajv does not know, formats whose check passes everything, and formats of a data
    # type the schema's type leaves out; int32 on integers becomes its bounds. Ajv agrees.
    from speclib.lint.functions.ajv import fastdata  # noqa: PLC0415

    fast = fastdata.FastData(dialect)
    fast.values = fastmeta._WORTH_IT
    ajv = Ajv(dialect)
    cases = [
        ({"type": "integer", "format": "int32"}, 2**31 - 1, True),
        ({"type": "integer", "format": "int32"}, -(2**31), True),
        ({"type": ["integer", "null"], "format": "int32"}, 2**31, False),
        ({"type": "integer", "format": "int32", "allOf": [{"minimum": 0}]}, -1, False),
        ({"type": "integer", "format": "int64"}, 2**40, True),
        ({"type": "number", "format": "double"}, 1.5, True),
        ({"type": "string", "format": "int32"}, "a", True),
        ({"type": "integer", "format": "date-time"}, 3, True),
        ({"type": "string", "format": "phone-number"}, "+1 555", True),
        ({"type": "string", "format": "password"}, "", True),
    ]
    for schema, value, valid in cases:
        assert fast.valid(schema, value) is valid, (schema, value)
        assert fast._by_id[id(schema)][1] is not None, schema  # plain
        assert (ajv.validate(ajv.build(schema), value) == []) is valid, (schema, value)


def test_a_run_uses_jsonschema_rs_for_examples_from_a_few_values_on_or_once_loaded(monkeypatch):
    import jsonschema_rs  # noqa: F401, PLC0415 - loaded, as the document check of a big one loads it

    from speclib.lint.functions.ajv import fastdata  # noqa: PLC0415

    schema = {"type": "string"}
    assert fastdata.FastData("draft4").valid(schema, "a") is True  # from the first value
    monkeypatch.delitem(sys.modules, "jsonschema_rs")  # not loaded yet: Ajv's alone at first
    fast = fastdata.FastData("draft4")
    verdicts = [fast.valid(schema, "a") for _ in range(fastmeta._WORTH_IT + 1)]
    assert verdicts == [False] * (fastmeta._WORTH_IT - 1) + [True, True]


def _uri_like(rng: random.Random) -> str:
    """A string near the plain URI shapes: mostly their characters, with now and then one
    that takes it out of them (":", "%", "?", "#", "[", a space, a non-ASCII letter)."""
    parts = [rng.choice(["", "https://", "h1+.-://", "x:", "//", "/", "#", "a"])]
    for _ in range(rng.randrange(8)):
        parts.append(rng.choice("aZ09._~-/" * 6 + ":%?#=&[ é"))
    return "".join(parts)


@pytest.mark.parametrize("name", ["uri", "uri-reference"])
def test_the_plain_uri_shapes_are_ones_ajv_accepts(name):
    # the small patterns' yes stands for Ajv's RFC 3986 pattern: never a string it refuses
    from speclib.lint.functions.ajv import formats

    if name == "uri":
        plain = formats._PLAIN_URI

        def ajv(value: str) -> bool:
            return formats._NOT_URI_FRAGMENT(value) and formats._URI(value)

    else:
        # a plain URI is a plain URI reference too
        shapes = (formats._PLAIN_URI_REFERENCE, formats._PLAIN_URI)
        plain = SimpleNamespace(fullmatch=lambda value: any(s.fullmatch(value) for s in shapes))
        ajv = formats._AJV_URI_REFERENCE
    rng = random.Random(7)
    fixed = ["", "#", "//", "///", "a//b", "#/a/b", "x://", "https://h:/p?q=1&r=/?#f", "a#b"]
    fixed += ["/a/b?c=1&d=2", "a/b:c", "1a:b", "-a:", "A+1.-:x", "/x:", "é:x", "https://h/p?q"]
    values = fixed + [_uri_like(rng) for _ in range(3000)]
    accepted = [value for value in values if plain.fullmatch(value)]
    assert len(accepted) > 300
    assert [value for value in accepted if not ajv(value)] == []
    check = FORMATS[name][1]
    assert [value for value in values if bool(check(value)) != bool(ajv(value))] == []


def _corrupted(rng: random.Random, schema: dict) -> dict:
    """A schema that draft 2020-12's meta-schema may refuse: a bad type, bound, list, id or
    anchor, somewhere in it."""
    corrupted = json.loads(json.dumps(schema))
    target = corrupted
    while (
        isinstance(target.get("properties"), dict) and target["properties"] and rng.random() < 0.5
    ):
        target = rng.choice(list(target["properties"].values()))
    key, value = rng.choice(
        [
            ("type", "strin"), ("type", ["string", "string"]), ("type", []), ("minLength", -1),
            ("maxItems", 1.5), ("required", ["a", "a"]), ("required", "a"), ("enum", "a"),
            ("$id", "a#b#c"), ("$id", "https://example.com/s#"), ("$anchor", "1a"),
            ("$anchor", "a-b.c_d"), ("$dynamicAnchor", "a b"), ("items", [{}]),
            ("properties", {"a": 1}), ("allOf", []), ("not", "x"), ("minimum", "0"),
            ("$defs", {"d": {"type": 5}}), ("$comment", 1), ("deprecated", "yes"),
        ]
    )  # fmt: skip
    target[key] = value
    return corrupted


def test_jsonschema_rs_meta_verdicts_on_draft_2020_12_agree_with_ajv():
    # fastmeta's claim for OpenAPI 3.1's dialect: whatever jsonschema-rs calls valid against
    # draft 2020-12's meta-schema (and its vocabularies), Ajv's own check finds valid; and it
    # is asked, and calls some valid and some not
    ajv = Ajv("draft2020-12")
    uri = normalize_uri(ajv.dialect.meta_uri)
    meta = ajv.registry.resources[uri]
    node = ajv.meta_compiler.compile_root(meta, uri)
    fast = ajv._fast_meta
    fast.checks = fastmeta._WORTH_IT  # past the warm-up, whether jsonschema-rs is loaded or not
    rng = random.Random(2020)
    valid = invalid = 0
    for _ in range(600):
        schema = _random_schema(rng)
        schema.pop("nullable", None)
        if rng.random() < 0.5:
            schema = _corrupted(rng, schema)
        if fast.valid(meta, schema):
            assert ajv.validate(node, schema) == [], schema
            valid += 1
        else:
            invalid += 1
            assert fastmeta._validator(meta, fast.resources) is not None
    assert valid >= 200 and invalid >= 100
