"""Properties added, removed, made required, and readOnly/writeOnly, in schema comparisons."""

from __future__ import annotations

from speclib.diff.schemas import SchemaContext, SchemaSite, schema_changes

BODY = SchemaSite("request-body", media_type="application/json")
RESPONSE = SchemaSite("response-body", media_type="application/json", status="200")


def ids(base: object, revision: object, site: SchemaSite = BODY) -> list[str]:
    return [change.id for change in schema_changes(SchemaContext(), base, revision, site=site)]


def obj(required: tuple[str, ...] = (), **properties: dict) -> dict:
    return {"type": "object", "properties": properties, "required": list(required)}


STRING = {"type": "string"}


def test_it_reports_a_new_required_request_property_as_breaking() -> None:
    assert ids(obj(), obj(("name",), name=STRING)) == ["new-required-request-property"]


def test_it_reports_a_new_optional_request_property_for_the_changelog() -> None:
    assert ids(obj(), obj(name=STRING)) == ["new-optional-request-property"]


def test_it_ignores_read_only_properties_in_requests() -> None:
    read_only = {"type": "string", "readOnly": True}
    assert ids(obj(), obj(("id",), id=read_only)) == []


def test_it_reports_a_removed_required_response_property_as_breaking() -> None:
    assert ids(obj(("name",), name=STRING), obj(), RESPONSE) == [
        "response-required-property-removed"
    ]


def test_it_reports_a_response_property_that_became_optional() -> None:
    assert ids(obj(("name",), name=STRING), obj(name=STRING), RESPONSE) == [
        "response-property-became-optional"
    ]


def test_it_names_nested_properties_by_their_path() -> None:
    base = obj(data=obj(name=STRING))
    revision = obj(data=obj(("name", "age"), name=STRING, age=STRING))
    changes = list(schema_changes(SchemaContext(), base, revision, site=BODY))
    assert sorted(change.id for change in changes) == [
        "new-required-request-property",
        "request-property-became-required",
    ]
    assert {change.args["property"] for change in changes} == {"data/age", "data/name"}


def test_it_reports_a_required_response_property_that_is_no_longer_write_only() -> None:
    write_only = {"type": "string", "writeOnly": True}
    assert ids(obj(("secret",), secret=write_only), obj(("secret",), secret=STRING), RESPONSE) == [
        "response-required-property-became-not-write-only"
    ]
