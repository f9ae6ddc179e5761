"""The display-ready ``detail`` of an OpenAPI 3.x operation, and the parts Swagger 2.0 shares.

``detail`` = {parameters, request_body, responses, security, truncated}. Every
text and schema view is charged to the operation's budget (see context.py),
and each collection is capped, so that no document (YAML aliases included)
can make the stored detail grow without bound.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice
from typing import Any

from .coerce import SHORT, as_dict, as_list, as_text, is_extension
from .context import MAX_MEDIA_TYPES, DetailContext

__all__ = [
    "MAX_ENTRIES",
    "merged_parameters",
    "oas3_detail",
    "parameter_view",
    "responses_view",
    "security_view",
]

MAX_ENTRIES = 100  # parameters, responses, security requirements

ContentBuilder = Callable[[DetailContext, dict[str, Any]], dict[str, Any]]


def oas3_detail(ctx: DetailContext, item: dict, operation: dict) -> dict[str, Any]:
    """The detail of an OpenAPI 3.x operation (``item`` is its resolved path item)."""
    parameters = merged_parameters(ctx, item, operation)
    return {
        "parameters": [parameter_view(ctx, p, p.get("schema")) for p in _fitting(ctx, parameters)],
        "request_body": request_body_view(ctx, operation.get("requestBody")),
        "responses": responses_view(ctx, operation.get("responses"), _content_view),
        "security": security_view(ctx, operation),
        "truncated": ctx.truncated,
    }


def _fitting(ctx: DetailContext, entries: Iterable[Any]) -> Iterable[Any]:
    """The entries, until the budget runs out."""
    for entry in islice(entries, MAX_ENTRIES):
        if not ctx.room():
            return
        yield entry


def merged_parameters(ctx: DetailContext, item: dict, operation: dict) -> list[dict[str, Any]]:
    """Path-level then operation-level parameters, resolved; the operation wins on (name, in).

    Unresolvable references are kept as ``{"$ref", "x-unresolved"}`` entries.
    """
    merged: dict[object, dict[str, Any]] = {}
    for source in (item.get("parameters"), operation.get("parameters")):
        for raw in islice(as_list(source), MAX_ENTRIES):
            param, unresolved = ctx.resolve(raw)
            if unresolved:
                merged[("$ref", unresolved["$ref"])] = unresolved
            elif param:
                merged[(as_text(param.get("name")), as_text(param.get("in")))] = param
    return list(merged.values())


def parameter_view(ctx: DetailContext, param: dict[str, Any], schema: Any) -> dict[str, Any]:
    """{name, in, required, description, deprecated, schema}; path parameters are required."""
    location = ctx.text(param.get("in"), SHORT)
    if schema is None:  # OpenAPI 3: a parameter may describe itself with `content` instead
        media = next(iter(as_dict(param.get("content")).values()), None)
        schema = as_dict(media).get("schema")
    view = {
        "name": ctx.text(param.get("name"), SHORT),
        "in": location,
        "required": param.get("required") is True or location == "path",
        "description": ctx.text(param.get("description")),
        "deprecated": param.get("deprecated") is True,
        "schema": ctx.view(schema),
    }
    if "x-unresolved" in param:
        view.update(param)
    return view


def request_body_view(ctx: DetailContext, raw: Any) -> dict[str, Any] | None:
    """{required, description, content: {media type: schema view}}, or None without a body."""
    if raw is None:
        return None
    body, unresolved = ctx.resolve(raw)
    return {
        "required": body.get("required") is True,
        "description": ctx.text(body.get("description")),
        "content": _content_view(ctx, body),
        **unresolved,
    }


def _content_view(ctx: DetailContext, holder: dict[str, Any]) -> dict[str, Any]:
    """{media type: schema view} from an OpenAPI 3 ``content`` map."""
    content = as_dict(holder.get("content"))
    return {
        media_type: ctx.view(as_dict(media).get("schema"))
        for media_type, media in islice(content.items(), MAX_MEDIA_TYPES)
        if ctx.room(len(media_type))
    }


def responses_view(ctx: DetailContext, raw: Any, content_of: ContentBuilder) -> dict[str, Any]:
    """{status: {description, content}}; ``content_of(ctx, response)`` builds the content."""
    statuses = ((s, r) for s, r in as_dict(raw).items() if not is_extension(s))
    out: dict[str, Any] = {}
    for status, raw_response in islice(statuses, MAX_ENTRIES):
        if not ctx.room(len(status)):
            break
        response, unresolved = ctx.resolve(raw_response)
        out[status] = {
            "description": ctx.text(response.get("description")),
            "content": content_of(ctx, response),
            **unresolved,
        }
    return out


def security_view(ctx: DetailContext, operation: dict) -> list[dict[str, list[str]]] | None:
    """The requirements that apply (the operation's, else the document's); None if neither says.

    An empty list means the operation explicitly needs no authentication.
    """
    raw = operation["security"] if "security" in operation else ctx.doc.get("security")
    if not isinstance(raw, list):
        return None
    requirements = (r for r in raw if isinstance(r, dict))
    return [
        {
            name: ctx.texts(scopes, SHORT, max_items=20)
            for name, scopes in islice(requirement.items(), 20)
            if ctx.room(len(name))
        }
        for requirement in _fitting(ctx, requirements)
    ]
