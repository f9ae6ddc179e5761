"""Enums, x-extensible-enum, const and default values in schema comparisons."""

from __future__ import annotations

from speclib.diff.schemas import SchemaContext, SchemaSite, schema_changes

BODY = SchemaSite("request-body", media_type="application/json")
RESPONSE = SchemaSite("response-body", media_type="application/json", status="200")
PATH = SchemaSite("parameter", location="path", name="kind")


def changes(base: object, revision: object, site: SchemaSite = BODY) -> list:
    return list(schema_changes(SchemaContext(), base, revision, site=site))


def ids(base: object, revision: object, site: SchemaSite = BODY) -> list[str]:
    return [change.id for change in changes(base, revision, site)]


def prop(**keywords: object) -> dict:
    return {"type": "object", "properties": {"kind": {"type": "string", **keywords}}}


def test_it_names_the_enum_value_removed_from_a_parameter() -> None:
    [change] = changes({"enum": ["a", "b"]}, {"enum": ["a"]}, PATH)
    assert change.id == "request-parameter-enum-value-removed"
    assert change.text == "removed the enum value `b` from the `path` request parameter `kind`"


def test_it_reports_a_parameter_restricted_to_an_enum() -> None:
    assert ids({"type": "string"}, {"type": "string", "enum": ["a"]}, PATH) == [
        "request-parameter-became-enum"
    ]


def test_it_warns_about_a_value_added_to_a_response_enum() -> None:
    assert ids(prop(enum=["a"]), prop(enum=["a", "b"]), RESPONSE) == [
        "response-property-enum-value-added"
    ]


def test_it_reports_a_removed_x_extensible_enum_value() -> None:
    assert ids(prop(**{"x-extensible-enum": ["a", "b"]}), prop(**{"x-extensible-enum": ["a"]})) == [
        "request-property-x-extensible-enum-value-removed"
    ]


def test_it_reports_default_changes_on_parameters_as_breaking() -> None:
    [change] = changes({"default": "X"}, {"default": "Y"}, PATH)
    assert change.id == "request-parameter-default-value-changed"
    assert change.level.label == "error"


def test_it_reports_a_changed_response_const() -> None:
    assert ids(prop(const="a"), prop(const="b"), RESPONSE) == ["response-property-const-changed"]


def test_it_ignores_default_changes_of_a_required_parameter() -> None:
    required = SchemaSite("parameter", location="query", name="kind", required=True)
    assert ids({"default": "X"}, {"default": "Y"}, required) == []
