"""The OpenAPI 3.1 (JSON Schema 2020-12) keywords in schema comparisons."""

from __future__ import annotations

from speclib.diff.schemas import SchemaContext, SchemaSite, schema_changes

BODY = SchemaSite("request-body", media_type="application/json")
RESPONSE = SchemaSite("response-body", media_type="application/json", status="200")


def ids(base: object, revision: object, site: SchemaSite = BODY) -> list[str]:
    return [change.id for change in schema_changes(SchemaContext(), base, revision, site=site)]


def test_it_reports_conditionals_added_to_a_request() -> None:
    revision = {"if": {"required": ["a"]}, "then": {"required": ["b"]}}
    assert ids({}, revision) == ["request-body-if-added", "request-body-then-added"]


def test_it_reports_contains_removed_from_a_response_as_breaking() -> None:
    changes = list(
        schema_changes(SchemaContext(), {"contains": {"type": "string"}}, {}, site=RESPONSE)
    )
    assert [change.id for change in changes] == ["response-body-contains-removed"]
    assert changes[0].level.label == "error"


def test_it_reports_min_contains_and_max_contains() -> None:
    base = {"contains": {}, "minContains": 1, "maxContains": 5}
    revision = {"contains": {}, "minContains": 2, "maxContains": 3}
    assert ids(base, revision) == [
        "request-body-min-contains-increased",
        "request-body-max-contains-decreased",
    ]


def test_it_reports_dependent_required_per_property() -> None:
    base = {"dependentRequired": {"card": ["billing"]}}
    revision = {"dependentRequired": {"card": ["billing", "cvv"], "iban": ["bic"]}}
    assert sorted(ids(base, revision)) == [
        "request-body-dependent-required-added",
        "request-body-dependent-required-changed",
    ]


def test_it_reports_pattern_properties_and_property_names() -> None:
    revision = {"patternProperties": {"^x-": {}}, "propertyNames": {"maxLength": 3}}
    assert ids({}, revision, RESPONSE) == [
        "response-body-property-names-added",
        "response-body-pattern-property-added",
    ]


def test_it_reads_unevaluated_properties_false_as_a_constraint() -> None:
    assert ids({}, {"unevaluatedProperties": False}) == [
        "request-body-unevaluated-properties-added"
    ]


def test_it_reports_prefix_items_removed_from_a_request() -> None:
    base = {"prefixItems": [{"type": "string"}, {"type": "integer", "title": "count"}]}
    revision = {"prefixItems": [{"type": "string"}]}
    assert ids(base, revision) == ["request-body-prefix-items-removed"]
