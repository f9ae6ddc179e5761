"""Swagger 2.0 documents converted to the OpenAPI 3 shapes the catalog shows."""

from __future__ import annotations

import orjson
import pytest

from speclib import parse_spec

from .samples import SWAGGER


def operations() -> list[dict]:
    return parse_spec(SWAGGER).to_dict()["operations"]


def test_it_builds_servers_from_schemes_host_and_base_path() -> None:
    result = parse_spec(SWAGGER).to_dict()
    assert (result["family"], result["declared"], result["api_version"]) == ("2.0", "2.0", "1.0")
    assert [s["url"] for s in result["servers"]] == [
        "https://api.example.com/v1",
        "http://api.example.com/v1",
    ]


@pytest.mark.parametrize(
    ("fields", "urls"),
    [
        ({"host": "h.example"}, ["//h.example"]),
        ({"host": "h.example", "basePath": "api"}, ["//h.example/api"]),
        ({"basePath": "/api"}, ["/api"]),
        ({}, []),
        ({"host": {"bad": 1}, "schemes": "https"}, []),
    ],
)
def test_it_builds_servers_when_fields_are_missing(fields: dict, urls: list[str]) -> None:
    doc = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, **fields}
    assert [s.url for s in parse_spec(orjson.dumps(doc)).extraction.servers] == urls


def test_it_converts_a_body_parameter_to_a_request_body() -> None:
    post = operations()[0]["detail"]
    body = post["request_body"]
    assert (body["required"], body["description"]) == (True, "A pet")
    assert list(body["content"]) == ["application/json"]
    assert body["content"]["application/json"]["properties"] == {"name": {"type": "string"}}
    assert [(p["name"], p["in"]) for p in post["parameters"]] == [
        ("tenant", "header"),
        ("limit", "query"),
    ]
    assert post["parameters"][1]["schema"] == {
        "type": "integer",
        "items": {"type": "string"},
        "maximum": 100,
    }


def test_it_converts_response_schemas_using_produces() -> None:
    responses = operations()[0]["detail"]["responses"]
    assert list(responses["201"]["content"]) == ["application/json", "application/xml"]
    assert responses["201"]["content"]["application/xml"]["x-ref"] == "#/definitions/Pet"
    assert responses["204"] == {"description": "No content", "content": {}}
    assert responses["400"] == {"description": "Bad request", "content": {}}


def test_it_converts_form_data_with_a_file_to_multipart() -> None:
    photo = operations()[1]
    assert (photo["method"], photo["path"]) == ("POST", "/pets/{id}/photo")
    detail = photo["detail"]
    assert [(p["name"], p["required"], p["schema"]) for p in detail["parameters"]] == [
        ("id", True, {"type": "integer", "format": "int64"}),
    ]
    body = detail["request_body"]
    schema = body["content"]["multipart/form-data"]
    assert schema["properties"]["file"] == {
        "type": "string",
        "format": "binary",
        "description": "The photo",
    }
    assert schema["required"] == ["file"]
    assert body["required"] is True
    assert detail["responses"]["200"]["content"] == {"text/plain": {"type": "string"}}


def test_it_converts_plain_form_data_to_urlencoded() -> None:
    note = operations()[2]["detail"]["request_body"]
    assert list(note["content"]) == ["application/x-www-form-urlencoded"]
    assert note["content"]["application/x-www-form-urlencoded"]["properties"] == {
        "text": {"type": "string"}
    }
