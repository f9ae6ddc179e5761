"""Rewrites a generated OpenAPI 3.0 document as Swagger 2.0, as older versions were written.

Only what the generator emits is handled: one JSON media type per body, parameters
with simple schemas, and the three kinds of security scheme it uses. These documents also
predate the organisation's style guide: no operation descriptions, no contact, no
``x-audience``. Their lint findings show on the old versions' pages, and the scorecards'
trends show the later versions fixing them.
"""

from typing import Any
from urllib.parse import urlsplit

_NEWER_INFO = ("contact", "x-audience")  # what the style guide added to info
REFS = {
    "#/components/schemas/": "#/definitions/",
    "#/components/parameters/": "#/parameters/",
    "#/components/responses/": "#/responses/",
}


def swagger_document(doc: dict[str, Any]) -> dict[str, Any]:
    server = urlsplit(doc["servers"][0]["url"])
    parts = doc["components"]
    swagger = {
        "swagger": "2.0",
        "info": {k: v for k, v in doc["info"].items() if k not in _NEWER_INFO},
        "host": server.netloc,
        "basePath": server.path or "/",
        "schemes": [server.scheme],
        "consumes": ["application/json"],
        "produces": ["application/json", "application/problem+json"],
        "tags": doc["tags"],
        "security": doc["security"],
        "paths": {path: _path_item(item) for path, item in doc["paths"].items()},
        "definitions": parts["schemas"],
        "parameters": {name: _parameter(p) for name, p in parts["parameters"].items()},
        "responses": {name: _response(r) for name, r in parts["responses"].items()},
        "securityDefinitions": {
            name: _scheme(scheme) for name, scheme in parts["securitySchemes"].items()
        },
    }
    return _rewrite(swagger)


def _path_item(item: dict[str, Any]) -> dict[str, Any]:
    converted: dict[str, Any] = {}
    for key, value in item.items():
        if key == "parameters":
            converted[key] = [_parameter(p) for p in value]
        else:
            converted[key] = _operation(value)
    return converted


def _operation(operation: dict[str, Any]) -> dict[str, Any]:
    converted = {}
    for key, value in operation.items():
        if key == "description" and not operation.get("deprecated"):
            continue  # the style guide came later (a deprecation was always explained)
        if key == "parameters":
            converted[key] = [*converted.get(key, []), *(_parameter(p) for p in value)]
        elif key == "requestBody":
            schema = value["content"]["application/json"]["schema"]
            body = {"name": "body", "in": "body", "required": True, "schema": schema}
            converted["parameters"] = [*converted.get("parameters", []), body]
        elif key == "responses":
            converted[key] = {code: _response(r) for code, r in value.items()}
        else:
            converted[key] = value
    return converted


def _parameter(parameter: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in parameter:
        return parameter
    flat = {key: value for key, value in parameter.items() if key != "schema"}
    flat.update(parameter["schema"])
    return flat


def _response(response: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in response:
        return response
    converted = {"description": response["description"]}
    for media in response.get("content", {}).values():
        converted["schema"] = media["schema"]
    if "headers" in response:
        converted["headers"] = {
            name: {"description": header["description"], **header["schema"]}
            for name, header in response["headers"].items()
        }
    return converted


def _scheme(scheme: dict[str, Any]) -> dict[str, Any]:
    if scheme["type"] == "oauth2":
        flow = scheme["flows"]["clientCredentials"]
        return {"type": "oauth2", "flow": "application", **flow}
    if scheme["type"] == "http":  # Swagger 2.0 has no bearer scheme: the header is the key
        return {"type": "apiKey", "in": "header", "name": "Authorization"}
    return scheme


def _rewrite(value: Any) -> Any:
    """Points $refs at Swagger 2.0's sections and spells `nullable` as x-nullable."""
    if isinstance(value, dict):
        converted = {}
        for key, item in value.items():
            if key == "$ref":
                converted[key] = _ref(item)
            elif key == "nullable":
                converted["x-nullable"] = item
            else:
                converted[key] = _rewrite(item)
        return converted
    if isinstance(value, list):
        return [_rewrite(item) for item in value]
    return value


def _ref(ref: str) -> str:
    for old, new in REFS.items():
        if ref.startswith(old):
            return new + ref.removeprefix(old)
    return ref
