"""allOf/anyOf/oneOf members, discriminators and flattening in schema comparisons."""

from __future__ import annotations

from speclib.diff.options import DiffOptions
from speclib.diff.schemas import SchemaContext, SchemaSite, schema_changes

BODY = SchemaSite("request-body", media_type="application/json")
RESPONSE = SchemaSite("response-body", media_type="application/json", status="200")
DOC = {
    "components": {
        "schemas": {
            "Cat": {"type": "object", "properties": {"name": {"type": "string"}}},
            "Dog": {"type": "object", "properties": {"bark": {"type": "string"}}},
        }
    }
}
CAT, DOG = {"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}


def changes(base: object, revision: object, site: SchemaSite = BODY, **options: object) -> list:
    ctx = SchemaContext(base_doc=DOC, revision_doc=DOC, options=DiffOptions(**options))
    return list(schema_changes(ctx, base, revision, site=site))


def test_it_names_the_alternative_removed_from_a_request_one_of() -> None:
    [change] = changes({"oneOf": [CAT, DOG]}, {"oneOf": [CAT]})
    assert change.id == "request-body-one-of-removed"
    assert change.text == "removed `#/components/schemas/Dog` from the request body `oneOf` list"


def test_it_compares_a_changed_inline_alternative_instead_of_removing_it() -> None:
    base = {"anyOf": [{"type": "string"}, {"type": "object", "properties": {"a": {}}}]}
    revision = {"anyOf": [{"type": "string"}, {"type": "object", "properties": {"b": {}}}]}
    ids = sorted(change.id for change in changes(base, revision))
    assert ids == ["new-optional-request-property", "request-property-removed"]


def test_it_reports_an_alternative_added_to_a_response_as_breaking() -> None:
    [change] = changes({"oneOf": [CAT]}, {"oneOf": [CAT, DOG]}, RESPONSE)
    assert change.id == "response-body-one-of-added"
    assert change.level.label == "error"


def test_it_tells_annotation_only_all_of_members_apart() -> None:
    [change] = changes({"allOf": [CAT]}, {"allOf": [CAT, {"description": "A cat"}]})
    assert change.id == "request-body-all-of-added-annotation-only"


def test_it_merges_all_of_when_asked_to_flatten() -> None:
    assert changes({"allOf": [CAT]}, CAT, flatten_allof=True) == []
    assert "request-body-all-of-removed" in [change.id for change in changes({"allOf": [CAT]}, CAT)]


def test_it_reports_a_body_wrapped_in_one_of_once() -> None:
    base = {"type": "object", "properties": {"name": {"type": "string"}}}
    [change] = changes(base, {"oneOf": [CAT, DOG]}, RESPONSE)
    assert change.id == "response-body-wrapped-in-one-of"


def test_it_reports_discriminator_mapping_changes() -> None:
    base = {"oneOf": [CAT, DOG], "discriminator": {"propertyName": "kind"}}
    revision = {"oneOf": [CAT, DOG], "discriminator": {"propertyName": "type"}}
    [change] = changes(base, revision)
    assert change.id == "request-body-discriminator-property-name-changed"
