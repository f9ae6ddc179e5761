"""Swagger 2.0 shapes converted to the OpenAPI 3 ones the portal displays.

Servers come from ``schemes`` + ``host`` + ``basePath``; ``in: body`` and
``in: formData`` parameters become a request body whose media types come from
``consumes``; response ``schema``s get their media types from ``produces``.
"""

from __future__ import annotations

from typing import Any

from .coerce import as_list, as_text, as_texts
from .context import DetailContext
from .detail import (
    MAX_ENTRIES,
    merged_parameters,
    parameter_view,
    responses_view,
    security_view,
)

__all__ = ["swagger2_detail", "swagger2_servers"]

# The keywords a non-body 2.0 parameter shares with a schema.
_SCHEMA_KEYWORDS = (
    "type", "format", "items", "collectionFormat", "default", "maximum", "exclusiveMaximum",
    "minimum", "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems",
    "minItems", "uniqueItems", "enum", "multipleOf",
)  # fmt: skip
_FORM = "application/x-www-form-urlencoded"
_MULTIPART = "multipart/form-data"


def swagger2_servers(doc: dict[str, Any]) -> list[dict[str, str | None]]:
    """One server per scheme, as {url, description}.

    Without ``schemes`` the URL is scheme-relative (``//host/base``): the
    specification says the scheme is that of the document's own URL, unknown here.
    """
    host = as_text(doc.get("host"))
    base = as_text(doc.get("basePath")) or ""
    if base and not base.startswith("/"):
        base = "/" + base
    if host is None:
        return [{"url": base, "description": None}] if base else []
    schemes = as_texts(doc.get("schemes")) if "schemes" in doc else []
    prefixes = [f"{scheme}://" for scheme in schemes] or ["//"]
    return [{"url": f"{prefix}{host}{base}", "description": None} for prefix in prefixes]


def swagger2_detail(ctx: DetailContext, item: dict, operation: dict) -> dict[str, Any]:
    """The detail of a 2.0 operation, in the same shape as the OpenAPI 3 one."""
    parameters = merged_parameters(ctx, item, operation)
    body = [p for p in parameters if p.get("in") == "body"]
    form = [p for p in parameters if p.get("in") == "formData"]
    plain = [p for p in parameters if p.get("in") not in ("body", "formData")]
    consumes = _media_types(ctx.doc, operation, "consumes")
    produces = _media_types(ctx.doc, operation, "produces")
    request_body = None
    if body:
        request_body = _body(ctx, body[-1], consumes)
    elif form:
        request_body = _form_body(ctx, form, consumes)
    return {
        "parameters": [
            parameter_view(ctx, param, _param_schema(param))
            for param in plain[:MAX_ENTRIES]
            if ctx.room()
        ],
        "request_body": request_body,
        "responses": responses_view(
            ctx, operation.get("responses"), lambda c, r: _content(c, r.get("schema"), produces)
        ),
        "security": security_view(ctx, operation),
        "truncated": ctx.truncated,
    }


def _media_types(doc: dict[str, Any], operation: dict, field: str) -> list[str]:
    """The operation's list if it has one, else the document's, else JSON."""
    chosen = operation.get(field) if field in operation else doc.get(field)
    return as_texts(as_list(chosen)) or ["application/json"]


def _param_schema(param: dict[str, Any]) -> dict[str, Any] | None:
    schema = {key: param[key] for key in _SCHEMA_KEYWORDS if key in param}
    return schema or None


def _content(ctx: DetailContext, schema: Any, media_types: list[str]) -> dict[str, Any]:
    """The same schema view under each media type."""
    return {} if schema is None else ctx.shared_view(schema, media_types)


def _body(ctx: DetailContext, param: dict[str, Any], consumes: list[str]) -> dict[str, Any]:
    return {
        "required": param.get("required") is True,
        "description": ctx.text(param.get("description")),
        "content": _content(ctx, param.get("schema"), consumes),
    }


def _form_body(ctx: DetailContext, form: list[dict], consumes: list[str]) -> dict[str, Any]:
    """The ``formData`` parameters as one object schema, multipart when a file is uploaded."""
    has_file = any(param.get("type") == "file" for param in form)
    declared = [t for t in consumes if t in (_FORM, _MULTIPART)]
    media_type = _MULTIPART if has_file else (declared[0] if declared else _FORM)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for param in form[:MAX_ENTRIES]:
        name = as_text(param.get("name")) or ""
        schema = _param_schema(param) or {}
        if param.get("type") == "file":
            schema = {**schema, "type": "string", "format": "binary"}
        description = as_text(param.get("description"))
        properties[name] = {**schema, "description": description} if description else schema
        if param.get("required") is True:
            required.append(name)
    schema = {"type": "object", "properties": properties, "required": required}
    return {
        "required": bool(required),
        "description": None,
        "content": {media_type: ctx.view(schema)},
    }
