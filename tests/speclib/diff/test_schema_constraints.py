"""Bounds and patterns in schema comparisons."""

from __future__ import annotations

from speclib.diff.schemas import SchemaContext, SchemaSite, schema_changes

BODY = SchemaSite("request-body", media_type="application/json")
RESPONSE = SchemaSite("response-body", media_type="application/json", status="200")
QUERY = SchemaSite("parameter", location="query", name="tags")


def ids(base: object, revision: object, site: SchemaSite = BODY) -> list[str]:
    return [change.id for change in schema_changes(SchemaContext(), base, revision, site=site)]


def prop(**keywords: object) -> dict:
    return {"type": "object", "properties": {"name": {"type": "string", **keywords}}}


def test_it_reports_a_lowered_request_maximum_as_breaking() -> None:
    assert ids({"maximum": 10}, {"maximum": 5}) == ["request-body-max-decreased"]


def test_it_reports_a_raised_response_maximum_as_breaking() -> None:
    assert ids({"maximum": 5}, {"maximum": 10}, RESPONSE) == ["response-body-max-increased"]


def test_it_warns_when_a_request_bound_is_set() -> None:
    assert ids(prop(), prop(maxLength=20)) == ["request-property-max-length-set"]


def test_it_does_not_report_bounds_of_read_only_request_properties_as_breaking() -> None:
    changes = list(
        schema_changes(
            SchemaContext(),
            prop(readOnly=True, maxLength=9),
            prop(readOnly=True, maxLength=5),
            site=BODY,
        )
    )
    assert [change.id for change in changes] == ["request-read-only-property-max-length-decreased"]
    assert changes[0].level.label == "info"


def test_it_reports_an_unset_response_max_length() -> None:
    assert ids(prop(maxLength=5), prop(), RESPONSE) == ["response-property-max-length-unset"]


def test_it_reads_a_parameter_max_items_on_its_items_too() -> None:
    base = {"type": "array", "items": {"type": "string", "maxItems": 20}}
    revision = {"type": "array", "items": {"type": "string", "maxItems": 10}}
    assert ids(base, revision, QUERY) == ["request-parameter-max-items-decreased"]


def test_it_reports_pattern_changes_by_what_they_do() -> None:
    assert ids(prop(), prop(pattern="^[a-z]+$")) == ["request-property-pattern-added"]
    assert ids(prop(pattern="^a$"), prop(pattern="^b$")) == ["request-property-pattern-changed"]
    assert ids(prop(pattern="^a$"), prop(pattern=".*")) == ["request-property-pattern-generalized"]
    assert ids(prop(pattern="^a$"), prop()) == ["request-property-pattern-removed"]
