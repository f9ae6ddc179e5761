"""Types, formats and nullability in schema comparisons."""

from __future__ import annotations

from speclib.diff.schemas import SchemaContext, SchemaSite, schema_changes

BODY = SchemaSite("request-body", media_type="application/json")
RESPONSE = SchemaSite("response-body", media_type="application/json", status="200")
QUERY = SchemaSite("parameter", location="query", name="limit")


def ids(base: object, revision: object, site: SchemaSite = BODY) -> list[str]:
    return [change.id for change in schema_changes(SchemaContext(), base, revision, site=site)]


def test_it_reports_a_request_body_type_swap_as_breaking() -> None:
    assert ids({"type": "string"}, {"type": "number"}) == ["request-body-type-changed"]


def test_it_reads_integer_to_number_as_a_widening_in_a_request() -> None:
    assert ids({"type": "integer"}, {"type": "number"}) == ["request-body-type-generalized"]


def test_it_reads_the_same_widening_as_breaking_in_a_response() -> None:
    changes = ids({"type": "integer"}, {"type": "number"}, RESPONSE)
    assert changes == ["response-body-type-generalized"]


def test_it_names_the_property_whose_type_changed() -> None:
    base = {"type": "object", "properties": {"age": {"type": "integer"}}}
    revision = {"type": "object", "properties": {"age": {"type": "string"}}}
    [change] = schema_changes(SchemaContext(), base, revision, site=BODY)
    assert change.id == "request-property-type-changed"
    assert change.text == "the `age` request property `type` changed from `integer` to `string`"


def test_it_accepts_any_value_as_text_in_a_query_parameter() -> None:
    assert ids({"type": "integer"}, {"type": "string"}, QUERY) == [
        "request-parameter-type-generalized"
    ]


def test_it_reads_nullable_and_a_null_type_as_the_same_thing() -> None:
    assert ids({"type": "string", "nullable": True}, {"type": ["string", "null"]}) == []


def test_it_reports_a_response_property_that_became_nullable() -> None:
    base = {"properties": {"name": {"type": "string"}}}
    revision = {"properties": {"name": {"type": ["string", "null"]}}}
    assert ids(base, revision, RESPONSE) == ["response-property-became-nullable"]


def test_it_follows_refs_into_the_documents() -> None:
    base_doc = {"components": {"schemas": {"Pet": {"type": "string"}}}}
    revision_doc = {"components": {"schemas": {"Pet": {"type": "boolean"}}}}
    ctx = SchemaContext(base_doc=base_doc, revision_doc=revision_doc)
    ref = {"$ref": "#/components/schemas/Pet"}
    [change] = schema_changes(ctx, ref, ref, site=BODY)
    assert change.id == "request-body-type-changed"
    assert change.base is not None and change.base.pointer == "/components/schemas/Pet"


def test_it_ends_on_circular_schemas() -> None:
    node = {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Node"}}}
    doc = {"components": {"schemas": {"Node": node}}}
    ctx = SchemaContext(base_doc=doc, revision_doc=doc)
    ref = {"$ref": "#/components/schemas/Node"}
    assert list(schema_changes(ctx, ref, ref, site=BODY)) == []


def test_it_accepts_a_query_scalar_that_became_an_exploded_array_of_it() -> None:
    base = {"type": "integer", "minimum": 1}
    revision = {"type": "array", "items": {"type": "integer", "minimum": 1}}
    assert ids(base, revision, QUERY) == ["request-parameter-type-generalized"]
    header = SchemaSite("parameter", location="header", name="limit")
    assert ids(base, revision, header) == ["request-parameter-type-changed"]
