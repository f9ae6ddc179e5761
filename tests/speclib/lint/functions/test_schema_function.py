"""The schema function: Spectral's wording of Ajv's errors, dialects, compile errors."""

from __future__ import annotations

import pytest

from speclib.lint import RulesetError

from .support import run_function, run_rule


def _schema(document, schema, **options):
    return run_function("schema", document, {"schema": schema, **options})


@pytest.mark.parametrize(
    ("document", "schema", "expected"),
    [
        (
            {},
            {"type": "object", "required": ["a"]},
            [([], 'Object must have required property "a"')],
        ),
        (
            {"a": "fo"},
            {"type": "object", "properties": {"a": {"enum": ["foo", "bar"]}}},
            [
                (
                    ["a"],
                    '"a" property must be equal to one of the allowed values: "foo", "bar". '
                    'Did you mean "foo"?',
                )
            ],
        ),
        (
            [{}, {"x": 1}],
            {"type": "array", "items": {"type": "object", "required": ["x"]}},
            [(["0"], 'Item at index 0 must have required property "x"')],
        ),
        (5, {"type": "string"}, [([], "Value type must be string")]),
        (
            {"a~b/c": 1},
            {"type": "object", "additionalProperties": False},
            [([], 'Property "a~b/c" is not expected to be here')],
        ),
        ("nope", {"type": "string", "format": "email"}, [([], 'String must match format "email"')]),
    ],
)
def test_it_words_errors_as_spectral(document, schema, expected):
    found = _schema(document, schema)
    assert [(item["path"], item["message"]) for item in found] == expected


def test_it_reports_every_branch_of_a_failed_combination():
    found = _schema(True, {"oneOf": [{"type": "string"}, {"type": "number"}]})
    assert [item["message"] for item in found] == [
        "Value type must be string",
        "Value type must be number",
        "Boolean must match exactly one schema in oneOf. None of the schemas matched, see the "
        "other errors reported for this value",
    ]


def test_it_reports_only_the_first_error_unless_all_are_asked_for():
    schema = {"type": "object", "required": ["a", "b"]}
    assert len(_schema({}, schema)) == 1
    assert len(_schema({}, schema, allErrors=True)) == 2


def test_it_reports_a_missing_value():
    found = run_function("schema", {}, {"schema": {"type": "string"}}, then={"field": "foo"})
    assert found == [{"path": [], "message": '"foo" property must exist'}]


def test_it_follows_the_dialect_of_the_schema():
    schema = {
        "$schema": "http://json-schema.org/draft-04/schema#",
        "type": "number",
        "maximum": 5,
        "exclusiveMaximum": True,
    }
    assert _schema(5, schema) == [{"path": [], "message": "Number must be < 5"}]
    late = {"type": "object", "properties": {"a": {}}, "unevaluatedProperties": False}
    found = _schema({"a": 1, "b": 2}, late, dialect="draft2020-12")
    assert found == [{"path": [], "message": "Object must not have unevaluated properties"}]


def test_it_reports_a_schema_ajv_cannot_compile_at_the_value():
    found = _schema({"a": 1}, {"properties": {"a": {"nullable": True}}})
    assert found == [{"path": [], "message": '"nullable" cannot be used without "type"'}]


def test_it_refuses_options_without_a_schema():
    with pytest.raises(RulesetError, match='"schema" function is missing "schema" option'):
        run_function("schema", {}, {"dialect": "draft7"})
    with pytest.raises(RulesetError, match='"dialect" option accepts only the following values'):
        run_function("schema", {}, {"schema": {}, "dialect": "draft5"})


def test_it_ignores_a_reference_that_does_not_resolve_on_a_resolved_document():
    # Spectral's schema check skips a schema Ajv cannot compile for a missing $ref when the
    # rule sees the resolved document (the reference is reported as invalid-ref instead).
    rule = {
        "given": "$.components.schemas[*]",
        "then": {"field": "example", "function": "schema", "functionOptions": {"schema": {}}},
    }
    document = {
        "components": {
            "schemas": {"A": {"properties": {"b": {"$ref": "#/nope"}}, "example": {"b": 1}}}
        }
    }
    assert run_rule(rule, document) == []
    # An unresolved rule reports it (the document has working references, so both views
    # differ).
    found = run_function(
        "oasSchema",
        {"x": 1, "y": {"$ref": "#/x"}},
        {"schema": {"properties": {"x": {"$ref": "#/nowhere"}}}},
        resolved=False,
    )
    assert found == [{"path": [], "message": "can't resolve reference #/nowhere from id #"}]
