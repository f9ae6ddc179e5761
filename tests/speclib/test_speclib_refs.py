"""Local $ref resolution and bounded dereferenced views."""

from __future__ import annotations

import orjson
import pytest

from speclib import Budget, Unresolved, deref_view, follow, lookup, pointer_tokens
from speclib.refs import unresolved_refs

DOC = {
    "components": {
        "schemas": {
            "a/b": {"type": "string"},
            "t~x": {"type": "integer"},
            "with space": {"type": "boolean"},
            "Node": {
                "type": "object",
                "properties": {
                    "value": {"type": "string"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                },
            },
            "Alias": {"$ref": "#/components/schemas/a~1b"},
            "LoopA": {"$ref": "#/components/schemas/LoopB"},
            "LoopB": {"$ref": "#/components/schemas/LoopA"},
        }
    },
    "list": [{"x": 1}, {"x": 2}],
}


@pytest.mark.parametrize(
    ("ref", "tokens"),
    [
        ("#/components/schemas/a~1b", ("components", "schemas", "a/b")),
        ("#/components/schemas/t~0x", ("components", "schemas", "t~x")),
        ("#/components/schemas/with%20space", ("components", "schemas", "with space")),
        ("#/paths/~1users~1%7Bid%7D", ("paths", "/users/{id}")),
        ("#/a/~01", ("a", "~1")),
        ("#", ()),
        ("#anchor", None),
        ("other.yaml#/a", None),
        ("http://127.0.0.1:9/x.yaml", None),
    ],
)
def test_it_parses_local_json_pointers(ref: str, tokens: tuple[str, ...] | None) -> None:
    assert pointer_tokens(ref) == tokens


def test_it_looks_up_escaped_and_indexed_pointers() -> None:
    assert lookup(DOC, "#/components/schemas/a~1b") == {"type": "string"}
    assert lookup(DOC, "#/components/schemas/t~0x") == {"type": "integer"}
    assert lookup(DOC, "#/components/schemas/with%20space") == {"type": "boolean"}
    assert lookup(DOC, "#/list/1/x") == 2


@pytest.mark.parametrize(
    ("ref", "reason"),
    [
        ("#/components/schemas/Missing", "missing"),
        ("#/list/2", "missing"),
        ("#/list/-1", "missing"),
        ("#/list/x", "missing"),
        ("#/list/" + "1" * 5_000, "missing"),
        ("#/list/\u0661", "missing"),
        ("#anchor", "unsupported"),
        ("schemas.yaml#/Pet", "external"),
        ("https://example.com/openapi.json", "external"),
    ],
)
def test_it_reports_refs_it_cannot_resolve(ref: str, reason: str) -> None:
    assert lookup(DOC, ref) == Unresolved(ref, reason)


def test_it_follows_chains_and_detects_cycles() -> None:
    target, problem = follow(DOC, {"$ref": "#/components/schemas/Alias"})
    assert (target, problem) == ({"type": "string"}, None)
    _, problem = follow(DOC, {"$ref": "#/components/schemas/LoopA"})
    assert problem is not None and problem.reason == "circular"


def test_it_lists_unresolved_refs_of_a_document() -> None:
    doc = {
        "a": {"$ref": "#/b"},
        "b": [{"$ref": "ext.yaml"}, {"$ref": "#/nowhere"}, {"$ref": "#/a"}],
        "c": {"$ref": "ext.yaml"},
    }
    assert unresolved_refs(doc) == [
        Unresolved("ext.yaml", "external"),
        Unresolved("#/nowhere", "missing"),
    ]


def test_it_cuts_circular_schemas_with_a_marker() -> None:
    view = deref_view(DOC, {"$ref": "#/components/schemas/Node"})
    assert view["x-ref"] == "#/components/schemas/Node"
    assert view["properties"]["children"]["items"] == {
        "$ref": "#/components/schemas/Node",
        "x-circular": True,
    }
    orjson.dumps(view)


def test_it_marks_ref_to_ref_cycles_and_unresolved_refs() -> None:
    view = deref_view(DOC, {"properties": {"l": {"$ref": "#/components/schemas/LoopA"}}})
    inner = view["properties"]["l"]
    assert inner["x-ref"] == "#/components/schemas/LoopB"
    assert inner["$ref"] == "#/components/schemas/LoopA" and inner["x-circular"] is True
    missing = deref_view(DOC, {"$ref": "#/nope"})
    assert missing == {"$ref": "#/nope", "x-unresolved": "missing"}


def test_it_bounds_the_view_depth() -> None:
    schema: dict = {"type": "string"}
    for level in range(20):
        schema = {"type": "object", "title": f"L{level}", "properties": {"p": schema}}
    view = deref_view({}, schema, max_depth=3)
    third = view["properties"]["p"]["properties"]["p"]
    assert third["title"] == "L17"
    assert third["properties"]["p"] == {"type": "object", "title": "L16", "x-truncated": True}


def test_it_stops_at_the_budget_even_when_refs_multiply() -> None:
    # Each level references the previous one ten times: 10**8 nodes if expanded.
    schemas = {"S0": {"type": "string", "description": "x" * 50}}
    for level in range(1, 9):
        props = {f"p{i}": {"$ref": f"#/components/schemas/S{level - 1}"} for i in range(10)}
        schemas[f"S{level}"] = {"type": "object", "properties": props}
    doc = {"components": {"schemas": schemas}}
    budget = Budget(5_000)
    view = deref_view(doc, {"$ref": "#/components/schemas/S8"}, max_depth=50, budget=budget)
    assert budget.remaining <= 0
    assert len(orjson.dumps(view)) < 8_000
    assert b"x-truncated" in orjson.dumps(view)


def test_it_cuts_long_strings_and_keeps_sibling_overrides() -> None:
    doc = {"S": {"type": "string", "description": "y" * 5_000}}
    view = deref_view(doc, {"$ref": "#/S", "description": "override"}, max_string=100)
    assert view["description"] == "override"
    short = deref_view(doc, {"$ref": "#/S"}, max_string=100)
    assert short["description"] == "y" * 100 + "…"


def test_it_survives_pathological_keyword_nesting() -> None:
    # `properties` maps do not count as schema levels; the hard cap still stops this.
    node: dict = {"type": "string"}
    for _ in range(150):
        node = {"properties": node}
    view = deref_view({}, node, max_depth=6)
    assert b"x-truncated" in orjson.dumps(view)
