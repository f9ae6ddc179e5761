"""Hostile documents end with a clear SpecError (or a normal result), never a hang or a crash."""

from __future__ import annotations

import json

import pytest

from speclib import SpecError
from speclib.diff import UnresolvedReference, compare
from speclib.diff.schema_walk import REPEATS

from ..test_speclib_hostile import BILLION_LAUGHS, DEEP
from .samples import PETS


def _with_schema(schema: dict, components: dict | None = None) -> bytes:
    """A one-operation document whose response body is ``schema``."""
    return json.dumps(
        {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/a": {
                    "post": {
                        "requestBody": {"content": {"application/json": {"schema": schema}}},
                        "responses": {
                            "200": {
                                "description": "ok",
                                "content": {"application/json": {"schema": schema}},
                            }
                        },
                    }
                }
            },
            "components": {"schemas": components or {}},
        }
    ).encode()


def _reference_bomb(levels: int, bottom: str) -> bytes:
    """Schemas A0..A<levels>, each with properties x and y referencing the next one."""
    schemas = {}
    for level in range(levels):
        next_one = {"$ref": f"#/components/schemas/A{level + 1}"}
        schemas[f"A{level}"] = {"type": "object", "properties": {"x": next_one, "y": next_one}}
    schemas[f"A{levels}"] = {"type": bottom}
    return _with_schema({"$ref": "#/components/schemas/A0"}, schemas)


def _properties(changes: list, rule_id: str) -> list[str]:
    return sorted(change.args["property"] for change in changes if change.id == rule_id)


def test_it_refuses_an_alias_bomb_on_either_side():
    with pytest.raises(SpecError) as caught:
        compare(PETS.encode(), BILLION_LAUGHS)
    assert caught.value.code == "alias-bomb"
    with pytest.raises(SpecError):
        compare(BILLION_LAUGHS, PETS.encode())


@pytest.mark.parametrize("name", ["yaml-flow", "json-objects"])
def test_it_refuses_deep_nesting(name):
    with pytest.raises(SpecError) as caught:
        compare(PETS.encode(), DEEP[name])
    assert caught.value.code == "too-deep"


def test_it_refuses_what_is_not_openapi():
    with pytest.raises(SpecError) as caught:
        compare(PETS.encode(), b"just: text\n")
    assert caught.value.code == "not-openapi"


def test_it_never_fetches_an_external_reference(no_network):
    revision = _with_schema({"$ref": "https://attacker.example/schema.json"})
    with pytest.raises(UnresolvedReference) as caught:
        compare(PETS.encode(), revision, revision_name="v2.json")
    assert caught.value.code == "unresolved-ref"
    assert "v2.json" in str(caught.value)
    assert "never fetches" in str(caught.value)
    assert isinstance(caught.value, SpecError)
    assert no_network == []


def test_it_refuses_a_file_reference_without_reading_it():
    with pytest.raises(UnresolvedReference):
        compare(_with_schema({"$ref": "/etc/passwd#/x"}), PETS.encode())


def test_it_refuses_a_loop_of_bare_references():
    loop = {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}
    with pytest.raises(UnresolvedReference) as caught:
        compare(PETS.encode(), _with_schema({"$ref": "#/components/schemas/A"}, loop))
    assert "loop" in str(caught.value)


def test_it_compares_circular_schemas():
    node = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        },
    }
    narrowed = {**node, "properties": {**node["properties"], "name": {"type": "integer"}}}
    base = _with_schema({"$ref": "#/components/schemas/Node"}, {"Node": node})
    revision = _with_schema({"$ref": "#/components/schemas/Node"}, {"Node": narrowed})
    assert compare(base, base).changes == []
    assert compare(base, revision).changes  # ends, and sees the change


def test_it_survives_junk_shapes():
    junk = {
        "openapi": "3.0.0",
        "info": "nope",
        "paths": {
            "/a": {"get": {"parameters": "x", "responses": [1], "requestBody": 3}},
            "/b": [],
            "/c": {"parameters": [None, 5, {"in": "query"}], "post": None},
        },
        "components": {"schemas": [], "securitySchemes": {"s": 1}},
        "security": {"not": "a list"},
        "webhooks": "x",
    }
    result = compare(PETS.encode(), json.dumps(junk).encode())
    assert "api-path-removed-without-deprecation" in [change.id for change in result.changes]
    assert compare(json.dumps(junk).encode(), json.dumps(junk).encode()).changes == []


def test_it_reports_a_reference_bomb_under_a_bounded_number_of_paths():
    # 2**40 paths lead to the changed type at the bottom; walked as a tree this never ends.
    result = compare(_reference_bomb(40, "string"), _reference_bomb(40, "integer"))
    request = _properties(result.changes, "request-property-type-changed")
    response = _properties(result.changes, "response-property-type-changed")
    assert len(request) == len(response) == 2 * REPEATS  # x and y below the last level
    assert all(name.count("/") == 39 for name in request + response)
    assert result.breaking
    assert compare(_reference_bomb(40, "string"), _reference_bomb(40, "string")).changes == []


def test_it_reports_a_shared_schema_under_every_path_below_the_bound():
    levels = 3  # 2**3 paths, fewer than REPEATS per edge
    result = compare(_reference_bomb(levels, "string"), _reference_bomb(levels, "integer"))
    names = _properties(result.changes, "response-property-type-changed")
    assert len(names) == 2**levels == len(set(names))
    assert "x/y/x" in names


def test_it_reports_a_schema_reused_in_one_body_under_each_property():
    def document(postcode: dict) -> bytes:
        address = {"type": "object", "properties": {"postcode": postcode}}
        ref = {"$ref": "#/components/schemas/Address"}
        order = {"type": "object", "properties": {"billing": ref, "shipping": ref}}
        return _with_schema(order, {"Address": address})

    result = compare(document({"type": "string"}), document({"type": "integer"}))
    assert _properties(result.changes, "response-property-type-changed") == [
        "billing/postcode",
        "shipping/postcode",
    ]
