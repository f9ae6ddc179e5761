"""OpenAPI 3.1 documents for the benchmark's APIs: CRUD operations on a domain's resources,
with shared schemas, parameters and error responses, as real uploads look."""

import json


def words(resource: str) -> str:
    return resource.replace("-", " ")


def _plural(resource: str) -> str:
    if resource.endswith(("s", "x")):
        return resource + "es"
    if resource.endswith("y") and resource[-2] not in "aeiou":
        return resource[:-1] + "ies"
    return resource + "s"


def _camel(*words: str) -> str:
    parts = "-".join(words).split("-")
    return parts[0] + "".join(part.title() for part in parts[1:])


def openapi_document(
    rng, plan, version: str, resources: list[str], *, complete: bool = False
) -> bytes:
    """An OpenAPI 3.1 document with CRUD operations on some of the domain's resources
    (`complete`: on all of them, with every operation)."""
    paths: dict = {}
    chosen = resources if complete else resources[: rng.randint(1, len(resources))]
    for resource in chosen:
        many, one = f"/{_plural(resource)}", f"/{_plural(resource)}/{{id}}"
        tag, ref = words(_plural(resource)).title(), {"$ref": f"#/components/schemas/{resource}"}
        body = {"required": True, "content": {"application/json": {"schema": ref}}}
        listed = {"type": "array", "items": ref}
        by_id = [{"$ref": "#/components/parameters/id"}]
        operations = {
            (many, "get"): (f"List {words(_plural(resource))}", "list", listed, None, []),
            (many, "post"): (f"Create a {words(resource)}", "create", ref, body, []),
            (one, "get"): (f"Get a {words(resource)}", "get", ref, None, by_id),
            (one, "patch"): (f"Update a {words(resource)}", "update", ref, body, by_id),
            (one, "delete"): (f"Delete a {words(resource)}", "delete", ref, None, by_id),
        }
        for (path, method), (summary, verb, schema, request, params) in operations.items():
            if not complete and verb not in ("list", "get") and rng.random() < 0.25:
                continue
            response = {"description": "OK", "content": {"application/json": {"schema": schema}}}
            operation = {
                "operationId": _camel(verb, _plural(resource) if verb == "list" else resource),
                "summary": summary,
                "description": f"{summary} of {plan.name}.",
                "tags": [tag],
                "parameters": params,
                "responses": {"200": response, "default": {"$ref": "#/components/responses/err"}},
            }
            if request:
                operation["requestBody"] = request
            if rng.random() < 0.05:
                operation["deprecated"] = True
            paths.setdefault(path, {})[method] = operation
    document = {
        "openapi": "3.1.0",
        "info": {"title": plan.name, "version": version, "description": plan.summary},
        "servers": [{"url": f"https://api.example.com/{plan.slug}/v{version.split('.')[0]}"}],
        "tags": [{"name": words(_plural(r)).title()} for r in chosen],
        "security": [{"oauth2": [f"{plan.domain}:read"]}],
        "paths": paths,
        "components": _components(chosen),
    }
    return json.dumps(document, indent=2).encode()


def _components(resources: list[str]) -> dict:
    properties = {
        "id": {"type": "string", "readOnly": True},
        "status": {"type": "string", "enum": ["active", "pending", "closed"]},
        "created_at": {"type": "string", "format": "date-time", "readOnly": True},
        "amount": {"type": "integer", "description": "In minor units."},
    }
    problem = {"type": "object", "properties": {"type": {"type": "string"}}}
    return {
        "schemas": {
            **{r: {"type": "object", "properties": properties} for r in resources},
            "problem": problem,
        },
        "parameters": {"id": {"name": "id", "in": "path", "schema": {"type": "string"}}},
        "responses": {
            "err": {
                "description": "Error",
                "content": {"application/problem+json": {"schema": problem}},
            }
        },
        "securitySchemes": {
            "oauth2": {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "https://id.example.com/token"}},
            }
        },
    }
