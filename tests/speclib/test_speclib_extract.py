"""Extraction of catalog data from OpenAPI 3.x documents."""

from __future__ import annotations

import orjson

from speclib import parse_spec

from .samples import OAS31


def extract31() -> dict:
    return parse_spec(OAS31).to_dict()


def test_it_extracts_info_servers_and_tags() -> None:
    result = extract31()
    assert (result["title"], result["description"]) == ("Pets", "All about pets.")
    assert result["api_version"] == "2.10"
    assert (result["family"], result["declared"], result["syntax"]) == ("3.1", "3.1.0", "yaml")
    assert result["servers"] == [
        {"url": "https://api.example.com/v2", "description": "Production"},
        {"url": "/relative", "description": None},
    ]
    assert result["tags"] == [
        {"name": "pets", "description": "Pet operations"},
        {"name": "42", "description": None},
    ]


def test_it_lists_operations_in_document_order_skipping_non_methods() -> None:
    operations = extract31()["operations"]
    assert [(op["method"], op["path"]) for op in operations] == [
        ("GET", "/pets/{petId}"),
        ("POST", "/pets/{petId}"),
        ("DELETE", "/pets/{petId}"),
    ]
    get = operations[0]
    assert (get["operation_id"], get["summary"], get["tags"]) == (
        "getPet",
        "Get a pet",
        ["pets", "7"],
    )
    assert operations[2]["deprecated"] is True and get["deprecated"] is False


def test_it_merges_path_and_operation_parameters_operation_winning() -> None:
    parameters = extract31()["operations"][0]["detail"]["parameters"]
    assert [(p["name"], p["in"]) for p in parameters] == [
        ("petId", "path"),
        ("verbose", "query"),
        ("X-Trace", "header"),
        ("verbose", "header"),
    ]
    assert parameters[0]["required"] is True  # path parameters always are
    assert parameters[1]["description"] == "operation level"
    assert parameters[1]["schema"] == {"type": "integer"}
    assert parameters[2]["required"] is True


def test_it_extracts_responses_with_resolved_content() -> None:
    responses = extract31()["operations"][0]["detail"]["responses"]
    assert list(responses) == ["200", "default"]
    pet = responses["200"]["content"]["application/json"]
    assert pet["x-ref"] == "#/components/schemas/Pet"
    assert pet["properties"]["parent"] == {"$ref": "#/components/schemas/Pet", "x-circular": True}
    assert responses["200"]["content"]["application/xml"] is None
    assert responses["default"]["description"] == "An error"
    assert responses["default"]["content"] == {"application/problem+json": {"type": "object"}}


def test_it_extracts_request_bodies_and_security() -> None:
    get, post, delete = extract31()["operations"]
    body = post["detail"]["request_body"]
    assert (body["required"], body["description"]) == (True, "The pet to add")
    assert body["content"]["application/json"]["required"] == ["name"]
    assert get["detail"]["request_body"] is None
    assert get["detail"]["security"] == [{"apiKey": []}]
    assert delete["detail"]["security"] == []


def test_it_produces_json_serialisable_output() -> None:
    assert orjson.loads(orjson.dumps(extract31()))["api_version"] == "2.10"


def test_it_extracts_openapi_30_json() -> None:
    doc = {
        "openapi": "3.0.3",
        "info": {"title": 7, "version": 3},
        "paths": {
            "/items": {
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}],
                "get": {
                    "parameters": [
                        {"name": "limit", "in": "query", "required": True},
                        {"name": "q", "in": "query", "content": {"text/plain": {"schema": {}}}},
                    ],
                    "responses": {"200": {"description": "ok"}},
                },
            }
        },
    }
    result = parse_spec(orjson.dumps(doc)).to_dict()
    assert (result["title"], result["api_version"], result["family"]) == ("7", "3", "3.0")
    parameters = result["operations"][0]["detail"]["parameters"]
    assert [(p["name"], p["required"], p["schema"]) for p in parameters] == [
        ("limit", True, None),
        ("q", False, {}),
    ]
    assert result["operations"][0]["detail"]["responses"] == {
        "200": {"description": "ok", "content": {}}
    }


def test_it_resolves_local_path_item_refs_and_skips_remote_ones() -> None:
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/local": {"$ref": "#/components/pathItems/Thing", "summary": "own"},
            "/remote": {"$ref": "https://example.com/items.yaml"},
        },
        "components": {"pathItems": {"Thing": {"get": {"operationId": "getThing"}}}},
    }
    operations = parse_spec(orjson.dumps(doc)).extraction.operations
    assert [(op.method, op.path, op.operation_id) for op in operations] == [
        ("GET", "/local", "getThing")
    ]


def test_it_reads_openapi_32_query_and_additional_operations() -> None:
    doc = {
        "openapi": "3.2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/search": {
                "query": {"operationId": "search"},
                "additionalOperations": {"copy": {"operationId": "copy"}, "LINK": "junk"},
            }
        },
    }
    operations = parse_spec(orjson.dumps(doc)).extraction.operations
    assert [(op.method, op.operation_id) for op in operations] == [
        ("QUERY", "search"),
        ("COPY", "copy"),
    ]
    doc["openapi"] = "3.1.0"
    assert parse_spec(orjson.dumps(doc)).extraction.operations == []


def test_it_keeps_the_detail_of_a_huge_document_bounded() -> None:
    props = {f"p{i}": {"type": "string", "description": "d" * 400} for i in range(300)}
    schemas = {"Big": {"type": "object", "properties": props}}
    paths = {
        f"/r{i}": {
            "get": {
                "responses": {
                    str(code): {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Big"}}
                        },
                    }
                    for code in (200, 201, 400, 404, 500)
                }
            }
        }
        for i in range(50)
    }
    doc = {"openapi": "3.0.0", "info": {}, "paths": paths, "components": {"schemas": schemas}}
    result = parse_spec(orjson.dumps(doc)).to_dict()
    per_operation = len(orjson.dumps(result["operations"])) / 50
    assert per_operation < 70_000  # unbounded, each would be about 650 kB
