"""Swagger 2.0 documents rewritten in the OpenAPI 3.0 shapes the differ compares.

Only what a comparison reads is converted: parameters (their schema keywords move under
``schema``; ``body`` and ``formData`` ones become the request body), responses (``schema``
under each ``produces`` media type, headers' keywords under ``schema``), security
definitions, and ``definitions`` (now ``components/schemas``, with the references rewritten).
Parameter and response references are followed and inlined as they are converted.
"""

from __future__ import annotations

from typing import Any

from ..refs import follow, ref_of

__all__ = ["convert_swagger2"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
_SCHEMA_KEYWORDS = (
    "type", "format", "items", "default", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems",
    "uniqueItems", "enum", "multipleOf",
)  # fmt: skip
_FLOWS = {
    "implicit": "implicit",
    "password": "password",
    "application": "clientCredentials",
    "accessCode": "authorizationCode",
}
_FORM = "application/x-www-form-urlencoded"


def convert_swagger2(doc: dict[str, Any]) -> dict[str, Any]:
    """An OpenAPI 3.0 shaped copy of a Swagger 2.0 document (the input is not changed)."""
    converter = _Converter(doc)
    out: dict[str, Any] = {key: value for key, value in doc.items() if key.startswith("x-")}
    out.update(openapi="3.0.3", info=doc.get("info", {}))
    for key in ("tags", "security"):
        if key in doc:
            out[key] = doc[key]
    paths = doc.get("paths") if isinstance(doc.get("paths"), dict) else {}
    out["paths"] = {path: converter.path_item(item) for path, item in paths.items()}
    definitions = doc.get("definitions") if isinstance(doc.get("definitions"), dict) else {}
    out["components"] = {
        "schemas": _rewrite(definitions),
        "securitySchemes": {
            name: _security_scheme(scheme)
            for name, scheme in (doc.get("securityDefinitions") or {}).items()
            if isinstance(scheme, dict)
        },
    }
    return out


def _rewrite(node: Any) -> Any:
    """A copy with ``#/definitions/`` references pointing at ``#/components/schemas/``."""
    if isinstance(node, dict):
        ref = ref_of(node)
        if ref is not None and ref.startswith("#/definitions/"):
            return {**node, "$ref": "#/components/schemas/" + ref[len("#/definitions/") :]}
        return {key: _rewrite(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    return node


def _security_scheme(scheme: dict[str, Any]) -> dict[str, Any]:
    kind = scheme.get("type")
    if kind == "basic":
        return {"type": "http", "scheme": "basic"}
    if kind == "oauth2":
        flow: dict[str, Any] = {"scopes": scheme.get("scopes") or {}}
        for key in ("authorizationUrl", "tokenUrl"):
            if key in scheme:
                flow[key] = scheme[key]
        return {"type": "oauth2", "flows": {_FLOWS.get(scheme.get("flow"), "implicit"): flow}}
    return dict(scheme)


def _schema_of(param: dict[str, Any]) -> dict[str, Any]:
    return _rewrite({key: param[key] for key in _SCHEMA_KEYWORDS if key in param})


class _Converter:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc

    def deref(self, node: Any) -> Any:
        return follow(self.doc, node)[0]

    def path_item(self, item: Any) -> Any:
        item = self.deref(item)
        if not isinstance(item, dict):
            return item
        out = {key: value for key, value in item.items() if key not in _METHODS}
        shared = [self.deref(p) for p in item.get("parameters") or [] if isinstance(p, dict)]
        out["parameters"] = [self._parameter(p) for p in shared if p.get("in") not in _BODY]
        for method in _METHODS:
            if isinstance(item.get(method), dict):
                out[method] = self.operation(item[method], shared)
        return out

    def operation(self, operation: dict[str, Any], shared: list[dict]) -> dict[str, Any]:
        out = {key: value for key, value in operation.items() if key not in _OPERATION_KEYS}
        own = [self.deref(p) for p in operation.get("parameters") or [] if isinstance(p, dict)]
        keys = {(p.get("in"), p.get("name")) for p in own}
        params = [p for p in shared if (p.get("in"), p.get("name")) not in keys] + own
        out["parameters"] = [self._parameter(p) for p in own if p.get("in") not in _BODY]
        consumes = operation.get("consumes", self.doc.get("consumes")) or ["application/json"]
        produces = operation.get("produces", self.doc.get("produces")) or ["application/json"]
        body = self._request_body(params, consumes)
        if body is not None:
            out["requestBody"] = body
        responses = (
            operation.get("responses") if isinstance(operation.get("responses"), dict) else {}
        )
        out["responses"] = {
            str(status): self._response(response, produces)
            for status, response in responses.items()
        }
        return out

    def _parameter(self, param: dict[str, Any]) -> dict[str, Any]:
        out = {key: value for key, value in param.items() if key not in _SCHEMA_KEYWORDS}
        out.pop("collectionFormat", None)
        out["schema"] = _schema_of(param)
        return out

    def _request_body(self, params: list[dict], consumes: list[str]) -> dict[str, Any] | None:
        body = [p for p in params if p.get("in") == "body"]
        if body:
            schema = _rewrite(body[-1].get("schema", {}))
            required = body[-1].get("required") is True
            return {"required": required, "content": {t: {"schema": schema} for t in consumes}}
        form = [p for p in params if p.get("in") == "formData"]
        if not form:
            return None
        properties = {p.get("name"): _schema_of(p) for p in form}
        required_names = [p.get("name") for p in form if p.get("required") is True]
        schema = {"type": "object", "properties": properties}
        if required_names:
            schema["required"] = required_names
        types = [t for t in consumes if "form" in t] or [_FORM]
        return {"required": bool(required_names), "content": {t: {"schema": schema} for t in types}}

    def _response(self, response: Any, produces: list[str]) -> Any:
        response = self.deref(response)
        if not isinstance(response, dict):
            return response
        out = {key: value for key, value in response.items() if key not in ("schema", "examples")}
        if "schema" in response:
            schema = _rewrite(response["schema"])
            out["content"] = {media_type: {"schema": schema} for media_type in produces}
        headers = response.get("headers")
        if isinstance(headers, dict):
            out["headers"] = {
                name: {"schema": _schema_of(h)}
                | ({"description": h["description"]} if "description" in h else {})
                for name, h in headers.items()
                if isinstance(h, dict)
            }
        return out


_BODY = ("body", "formData")
_OPERATION_KEYS = ("parameters", "responses", "consumes", "produces", "schemes")
