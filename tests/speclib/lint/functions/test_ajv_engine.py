"""The JSON Schema engine reports exactly what Ajv reports.

``ajv_cases.json`` holds schemas and values with the errors Ajv 8.20 (with ajv-formats and,
for all-errors cases, ajv-errors, configured as Spectral configures them) gave for each: the
keyword, instance path, schema path, message and params of every error, in order, or the
compile error. The cases cover the keyword order, branches, draft 4 limits, nullable, $ref
inlining, meta-schema checks and errorMessage.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speclib.lint.functions.ajv import Ajv, SchemaError

CASES = json.loads((Path(__file__).parent / "ajv_cases.json").read_text(encoding="utf-8"))


def _run(case: dict, *, track_paths: bool = True) -> dict:
    all_errors = case.get("allErrors", False)
    ajv = Ajv(
        case["dialect"],
        all_errors=all_errors,
        error_messages=all_errors,
        track_paths=track_paths or all_errors,
    )
    try:
        node = ajv.compile(case["schema"])
    except SchemaError as error:
        return {"error": str(error)}
    results = []
    for value in case["data"]:
        errors = ajv.validate(node, value)
        results.append(
            [
                [
                    error.keyword,
                    error.instance_pointer,
                    error.schema_path,
                    error.message,
                    {key: item for key, item in error.params.items() if key != "errors"},
                ]
                for error in errors
            ]
        )
    return {"results": json.loads(json.dumps(results))}


@pytest.mark.parametrize("index", range(len(CASES)))
def test_it_reports_what_ajv_reports(index):
    entry = CASES[index]
    assert _run(entry["case"]) == entry["ajv"]


def _without_schema_paths(outcome: dict) -> dict:
    if "results" not in outcome:
        return outcome
    return {
        "results": [[error[:2] + error[3:] for error in errors] for errors in outcome["results"]]
    }


@pytest.mark.parametrize("index", range(len(CASES)))
def test_it_reports_the_same_when_compiled_nodes_are_shared(index):
    entry = CASES[index]
    shared = _run(entry["case"], track_paths=False)
    assert _without_schema_paths(shared) == _without_schema_paths(entry["ajv"])


def test_it_compiles_a_schema_object_once_and_checks_its_meta_schema_once():
    ajv = Ajv("draft4")
    schema = {"minLength": -1}
    with pytest.raises(SchemaError, match="schema is invalid: data/minLength must be >= 0"):
        ajv.compile(schema)
    # Ajv caches the schema before checking it: a second compile skips the check.
    node = ajv.compile(schema)
    assert node is ajv.compile(schema)


def test_it_validates_data_deeper_than_pythons_default_recursion_limit():
    ajv = Ajv("draft2020-12", all_errors=True)
    schema = {
        "$defs": {"node": {"type": "object", "unevaluatedProperties": {"$ref": "#/$defs/node"}}}
    }
    schema["$ref"] = "#/$defs/node"
    data: dict = {"leaf": 1}
    for _ in range(199):
        data = {"next": data}
    errors = ajv.validate(ajv.compile(schema), data)
    assert [error.message for error in errors] == ["must be object"]
    assert len(errors[0].instance_path) == 200


def _children(ajv: Ajv, schema: dict) -> list:
    return ajv.compile(schema).children


def test_shared_nodes_ignore_annotations_at_every_depth_and_nothing_else():
    # Without schema paths, subschemas that validation reads alike share one node, whatever
    # their descriptions and examples, however deep those sit.
    ajv = Ajv("draft7")
    inner = {"type": "object", "properties": {"n": {"type": "integer", "description": "one"}}}
    same = {"type": "object", "properties": {"n": {"type": "integer", "example": 2}}, "x-a": 1}
    other = {"type": "object", "properties": {"n": {"type": "number"}}}
    first, second, third = _children(ajv, {"anyOf": [inner, same, other]})
    assert first is second
    assert first is not third
    errors = ajv.validate(ajv.compile({"anyOf": [inner, same, other]}), {"n": "a"})
    assert [error.message for error in errors][-1] == "must match a schema in anyOf"


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ({"maximum": 1}, {"maximum": 1.0}),  # the same to Ajv, kept apart all the same
        ({"const": 1}, {"const": True}),
        ({"enum": [1]}, {"enum": [True]}),
        ({"const": None}, {"const": "None"}),
        ({"type": "string"}, {"type": ["string"]}),
        ({"items": {"type": "string"}}, {"items": [{"type": "string"}]}),
    ],
)
def test_shared_nodes_keep_values_of_other_types_apart(one, two):
    ajv = Ajv("draft7")
    first, second = _children(ajv, {"allOf": [one, two]})
    assert first is not second


def test_a_schema_whose_shape_cannot_be_told_is_shared_by_identity_only():
    # Property names that are not strings: YAML's true and 1 would be one name here, and two
    # for Ajv.
    ajv = Ajv("draft7")
    names_true = {"properties": {True: {"type": "string"}}}
    names_one = {"properties": {1: {"type": "string"}}}
    first, second = _children(ajv, {"allOf": [names_true, names_one]})
    assert first is not second
    # A cycle through keywords (a resolved view closes none; a caller's objects might).
    cyclic: dict = {"type": "object", "properties": {}}
    cyclic["properties"]["self"] = cyclic
    assert ajv.compiler._shape(cyclic) == ("id", id(cyclic))
