"""Writes a plausible OpenAPI 3.0 or 3.1 document for one version of a demo API.

Deterministic: the same plan gives the same document (no dates, no randomness),
so the stored bytes, addressed by their sha256, are the same on every load.
"""

from typing import Any

from catalog.demo import components
from catalog.demo.components import object_schema
from catalog.demo.fields import fields_parse
from catalog.demo.operations import Operations, tag_of
from catalog.demo.plans import ApiPlan, Resource, TeamPlan, minor_of
from catalog.models import Audience


def openapi_document(api: ApiPlan, team: TeamPlan, *, version: str, family: str) -> dict[str, Any]:
    resources = [r for r in api.resources if r.present_in(version)]
    schemes, read, write = components.security(api)
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {}
    for resource in resources:
        terse = api.lapsed("terse-actions", version)
        paths.update(resource_paths(resource, version=version, write=write, terse=terse))
        schemas.update(components.resource_schemas(resource, version=version, family=family))
    for name, notation in api.schemas.items():
        fields = [f for f in fields_parse(notation) if f.present_in(version)]
        schemas[name] = object_schema(fields, family=family)
    schemas.update(components.problem_schemas(family))
    return {
        "openapi": "3.1.0" if family == "3.1" else "3.0.3",
        "info": _info(api, team, version=version, family=family),
        "servers": servers(api, version),
        "tags": [{"name": tag_of(r), "description": r.about} for r in resources],
        "security": read,
        "paths": paths,
        "components": {
            "schemas": schemas,
            "parameters": components.paging_parameters(),
            "responses": components.error_responses(
                problem_json=not api.lapsed("json-errors", version)
            ),
            "securitySchemes": schemes,
        },
    }


def _info(api: ApiPlan, team: TeamPlan, *, version: str, family: str) -> dict[str, Any]:
    info: dict[str, Any] = {"title": api.name, "version": version}
    if family == "3.1":
        info["summary"] = api.summary
    info["description"] = (
        f"{api.intro}\n\nOwned by the {team.name} team. Errors are RFC 9457 problem details.\n"
    )
    if api.audience == Audience.PUBLIC:
        info["termsOfService"] = "https://www.example.com/legal/api-terms"
    info["contact"] = {"name": f"{team.name} team", "email": team.email, "url": api.docs_url}
    info["x-audience"] = str(api.audience)  # the portal's recommended ruleset asks for it
    return info


def servers(api: ApiPlan, version: str) -> list[dict[str, str]]:
    major = minor_of(version)[0]
    if api.audience == Audience.INTERNAL:
        host = f"{api.slug}.{api.team}.internal.example"
        return [
            {"url": f"https://{host}/v{major}", "description": "Production"},
            {
                "url": f"https://{api.slug}.{api.team}.staging.example/v{major}",
                "description": "Staging",
            },
        ]
    return [
        {"url": f"https://api.example.com/{api.slug}/v{major}", "description": "Production"},
        {"url": f"https://sandbox.api.example.com/{api.slug}/v{major}", "description": "Sandbox"},
    ]


def resource_paths(
    resource: Resource, *, version: str, write: list[Any], terse: bool = False
) -> dict[str, Any]:
    """The collection, item and action paths of a resource, with CRUD operations; `terse`
    leaves the actions without a description."""
    name, path = resource.name, f"/{resource.path}"
    id_name = name[0].lower() + name[1:] + "Id"
    item = f"{path}/{{{id_name}}}"
    id_parameter = {
        "name": id_name,
        "in": "path",
        "required": True,
        "schema": {"type": "string", "format": "uuid"},
    }
    ops = Operations(resource, version=version, write=write, terse=terse)
    paths: dict[str, Any] = {path: {"get": ops.listing()}, item: {"parameters": [id_parameter]}}
    paths[item]["get"] = ops.retrieve()
    if not resource.read_only:
        paths[path]["post"] = ops.create()
        paths[item]["patch"] = ops.update()
        paths[item]["delete"] = ops.destroy()
    for action in resource.actions:
        verb, _, since = action.partition("@")
        if minor_of(version) >= minor_of(since or "0.0"):
            paths[f"{item}/{verb}"] = {"parameters": [id_parameter], "post": ops.action(verb)}
    return paths
