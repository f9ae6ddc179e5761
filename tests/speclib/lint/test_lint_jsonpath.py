"""Spectral's JSONPath dialect: every feature, and every expression spectral:oas uses.

Every test runs twice: with the walk's compiled loop (``_walk.c``, built at install) and with
its Python loop, the reference (test_lint_walk_loops.py compares the two on real documents).
"""

from __future__ import annotations

import pytest

from speclib.lint.jsonpath import Automaton, JsonPathError, parse_path, walk

from ..samples import require_compiled


@pytest.fixture(autouse=True, params=["compiled loop", "python loop"])
def loop(request, monkeypatch):
    if request.param == "python loop":
        monkeypatch.setattr(walk, "_native", None)
    else:
        require_compiled(walk._native is not None, "_walk.c")


DOC = {
    "openapi": "3.1.0",
    "paths": {
        "/users": {
            "get": {"x-a": 1, "parameters": [{"in": "query", "name": "q"}], "tags": ["a", "b"]},
            "put": {"description": "d"},
            "parameters": [{"name": "noin"}],
        },
        "/items/": {"post": {"description": "x"}},
    },
    "components": {
        "schemas": {
            "List": {"type": "array", "items": {"type": "string", "enum": ["a"]}},
            "Multi": {"type": ["array", "null"]},
            "Obj": {"type": "object", "properties": {"enum": {"type": "string", "enum": [1]}}},
        }
    },
}


def paths(expression: str, doc: object = DOC) -> list[tuple]:
    return sorted(path for path, _ in Automaton([parse_path(expression)]).run(doc)[0])


def test_it_selects_root_members_and_brackets() -> None:
    assert paths("$") == [()]
    assert paths("$.openapi") == [("openapi",)]
    assert paths("$['paths']['/users'].put") == [("paths", "/users", "put")]
    assert paths('$["paths"]["/items/"]') == [("paths", "/items/")]


def test_it_selects_wildcards_and_indices() -> None:
    assert paths("$.paths[*]") == [("paths", "/items/"), ("paths", "/users")]
    assert paths("$.paths.*.get.tags[0]") == [("paths", "/users", "get", "tags", 0)]
    assert paths("$.paths.*.get.tags[-1]") == [("paths", "/users", "get", "tags", 1)]
    assert paths("$.paths.*.get.tags[0:1]") == [("paths", "/users", "get", "tags", 0)]


def test_it_selects_unquoted_and_quoted_unions() -> None:
    expected = [("paths", "/users", "get"), ("paths", "/users", "put")]
    assert paths("$.paths[*][get,put]") == expected
    assert paths("$.paths[*]['get','put']") == expected


def test_it_descends_recursively() -> None:
    assert paths("$..enum") == [
        ("components", "schemas", "List", "items", "enum"),
        ("components", "schemas", "Obj", "properties", "enum"),
        ("components", "schemas", "Obj", "properties", "enum", "enum"),
    ]
    assert paths("$..[?(@.type == 'array')]") == [
        ("components", "schemas", "List"),
    ]


def test_it_filters_with_property_and_logic() -> None:
    assert paths("$..[?(@property !== 'properties' && @ && @.enum)]") == [
        ("components", "schemas", "List", "items"),
        ("components", "schemas", "Obj", "properties", "enum"),
    ]
    assert paths("$.paths[*][?(@property.match(/^x-|^get$/))]") == [("paths", "/users", "get")]
    assert paths("$.paths[*].get[?(@property =~ /^x-/)]") == [("paths", "/users", "get", "x-a")]
    assert paths("$..parameters[?(@ && @.in)]") == [("paths", "/users", "get", "parameters", 0)]
    assert paths("$.paths[*][?(!@.description || @.tags)]") == [
        ("paths", "/users", "get"),
        ("paths", "/users", "parameters"),
    ]


def test_it_filters_with_parent_path_and_javascript_methods() -> None:
    assert paths("$..[?(@parentProperty === 'schemas' && @.type === 'object')]") == [
        ("components", "schemas", "Obj")
    ]
    assert paths("$..[?(@path.match(/Multi/) && @property === 'type')]") == [
        ("components", "schemas", "Multi", "type")
    ]
    expression = (
        '$..[?(@ && @.type && @.type.constructor.name === "Array" && @.type.includes("array"))]'
    )
    assert paths(expression) == [("components", "schemas", "Multi")]
    assert paths("$..[?(@parent && @parent.type === 'object' && typeof @ === 'object')]") == [
        ("components", "schemas", "Obj", "properties")
    ]


def test_it_reads_members_that_every_value_or_an_array_has() -> None:
    # Not keys a node must hold: the walk's cheap pre-checks must not skip arrays here.
    doc = {"a": [1, 2], "b": {"constructor": 1}, "c": ["x"], "d": {"0": "y"}, "e": []}
    assert paths("$[?(@.constructor.name === 'Array')]", doc) == [("a",), ("c",), ("e",)]
    assert paths("$[?(@['0'])]", doc) == [("a",), ("c",), ("d",)]
    assert paths("$[?(@.length > 1)]", doc) == [("a",)]


def test_its_prechecks_keep_exactly_the_nodes_the_filter_could_pass() -> None:
    query = parse_path("$..[?(@ && @.schema && (@.example !== void 0 || @.examples))]")
    found = query.steps[-1].filter
    assert (found.keys, found.more_keys) == ({"schema"}, ({"example", "examples"},))
    assert found.passes_prechecks({"schema": {}, "examples": {}})
    assert not found.passes_prechecks({"schema": {}, "description": "no example"})
    typed = parse_path("$..[?(@.type == 'array' || @.type === 'object')]").steps[-1].filter
    assert typed.values == (("type", {"array", "object"}),)
    assert not typed.passes_prechecks({"type": "string"})
    # JavaScript's == converts: ["array"] == "array" holds, so a non-string is left to the test.
    assert typed.passes_prechecks({"type": ["array"]})
    doc = {"s": {"type": "string"}, "a": {"type": "array"}, "l": {"type": ["array"]}}
    assert paths("$..[?(@.type == 'array')]", doc) == [("a",), ("l",)]
    assert paths("$..[?(@.type === 'array')]", doc) == [("a",)]


def test_it_selects_keys_and_parents() -> None:
    found = Automaton([parse_path("$.paths[*]~")]).run(DOC)[0]
    assert sorted(found) == [(("paths", "/items/"), "/items/"), (("paths", "/users"), "/users")]
    assert paths("$..tags^") == [("paths", "/users", "get")]


def test_it_shares_one_walk_between_queries() -> None:
    queries = [parse_path(text) for text in ("$..enum", "$.paths[*]", "$..[?(@.in)]")]
    results = Automaton(queries).run(DOC)
    assert [len(found) for found in results] == [3, 2, 1]


def test_it_finds_the_same_when_it_skips_children_that_yield_nothing() -> None:
    # Under $.info only named keys and objects with "type" matter: scalars and other keys are
    # skipped; under $.servers (indices) every item is still entered.
    doc = {
        "info": {"title": "t", "x": {"type": "array"}, "list": [1, {"type": "array"}]},
        "servers": [{"url": "a"}, {"url": "b"}],
        "other": {"deep": {"title": "not wanted"}},
    }
    texts = ("$.info.title", "$.info[?(@.type)]", "$.servers[1].url", "$.info.list[*]")
    results = Automaton([parse_path(text) for text in texts]).run(doc)
    assert [[path for path, _ in found] for found in results] == [
        [("info", "title")],
        [("info", "x")],
        [("servers", 1, "url")],
        [("info", "list", 0), ("info", "list", 1)],
    ]


def test_it_visits_shared_nodes_once_per_state_when_deduplicating() -> None:
    shared = {"type": "array"}
    shared["self"] = shared  # a cycle, as the resolved view has
    doc = {"a": shared, "b": shared}
    found = Automaton([parse_path("$..[?(@.type == 'array')]")]).run(doc, dedupe=True)[0]
    assert sorted(path for path, _ in found) == [("a",), ("a", "self"), ("b",)]


@pytest.mark.parametrize(
    "expression",
    [
        "paths",
        "$.paths[",
        "$[(@.length-1)]",
        "$..[?(@.a.constructor())]",
        "$..[?(eval('x'))]",
        "$..[?(@.a = 1)]",
        "$..[?(@.name.match(/(a+)+$/))]",
        "$.a~.b",
    ],
)
def test_it_refuses_what_it_cannot_run(expression: str) -> None:
    with pytest.raises(JsonPathError):
        parse_path(expression)


OAS_GIVEN = [
    "$.paths[*][get,put,post,delete,options,head,patch,trace]",
    "$.paths",
    "$.info.contact",
    "$..[?(@property !== 'properties' && @ && @.enum)]",
    "$..[description,title]",
    "$.tags[*]",
    "$..[?(@property === '$ref')]",
    '$..[?(@ && @.type=="array")]',
    '$..[?(@ && @.type && @.type.constructor.name === "Array" && @.type.includes("array"))]',
    "$..[?(@ && @.enum && @.type)]",
    "$.definitions[?(@.discriminator)]",
    "$..parameters[?(@ && @.in)]",
    "$.security[*]",
    "$..definitions..[?(@property !== 'properties' && @ && (@.example !== void 0 || "
    "@['x-example'] !== void 0 || @.default !== void 0) && (@.enum || @.type || @.format || "
    "@.$ref || @.properties || @.items))]",
    "$..responses..[?(@ && @.schema && @.examples)]",
    "$..anyOf",
    "$.paths[*][*]..content[*].examples[*]",
    "$..content..[?(@ && @.schema && (@.example !== void 0 || @.examples))]",
    "$.components.schemas..[?(@property !== 'properties' && @ && (@ && @.example !== void 0 || "
    "@.default !== void 0) && (@.enum || @.type || @.format || @.$ref || @.properties || "
    "@.items))]",
    "$.webhooks[*][*].callbacks",
    "$.paths[*][get,put,post,delete,options,head,patch,trace].callbacks[*][*][*].callbacks",
]


@pytest.mark.parametrize("expression", OAS_GIVEN)
def test_it_compiles_every_spectral_oas_expression(expression: str) -> None:
    assert parse_path(expression).steps


def test_it_matches_spectral_oas_expressions_like_nimma() -> None:
    doc = {
        "paths": {"/a": {"get": {"responses": {"200": {"content": {"application/json": {
            "schema": {"type": "string", "example": 1},
            "examples": {"one": {"value": 1}},
        }}}}}}},
        "definitions": {"D": {"properties": {"p": {"type": "integer", "x-example": 2}}}},
    }  # fmt: skip
    assert paths(OAS_GIVEN[13], doc) == [("definitions", "D", "properties", "p")]
    assert paths(OAS_GIVEN[16], doc) == [
        ("paths", "/a", "get", "responses", "200", "content", "application/json", "examples", "one")
    ]
    assert paths(OAS_GIVEN[17], doc) == [
        ("paths", "/a", "get", "responses", "200", "content", "application/json")
    ]


def test_a_filters_code_is_compiled_on_its_first_use_and_kept():
    from speclib.lint.jsonpath.filter import compile_filter

    compiled = compile_filter("@.a > 1 && @property !== 'x'")
    first = compiled.test
    assert first({"a": 2}, "y", None, None, None, None) is True
    kept = compiled.test
    assert kept is not first  # the generated code, in place of the first-use stub
    assert kept({"a": 0}, "y", None, None, None, None) is False
    assert compiled.test is kept
