"""The `components` of a generated OpenAPI 3 document: schemas, errors, paging, security."""

from typing import Any

from catalog.demo.fields import Field, field_schema, fields_parse, schema_ref
from catalog.demo.plans import ApiPlan, Resource
from catalog.models import Audience

PROBLEM = "application/problem+json"

# Every resource has these, so the notation of each API leaves them out.
ID = Field("id", "uuid", required=True, read_only=True)
STAMPS = (
    Field("created_at", "datetime", required=True, read_only=True),
    Field("updated_at", "datetime", read_only=True),
)

ERRORS = {
    "BadRequest": ("400", "The request is malformed, for example a bad query parameter."),
    "Unauthorized": ("401", "Credentials are missing, expired or revoked."),
    "NotFound": ("404", "There is no such resource, or you may not see it."),
    "Conflict": ("409", "The resource's state does not allow this now."),
    "ValidationFailed": ("422", "The body is well-formed but some fields are invalid."),
}


def object_schema(fields: list[Field], *, family: str, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", **extra}
    required = [field.name for field in fields if field.required]
    if required:
        schema["required"] = required
    schema["properties"] = {field.name: field_schema(field, family=family) for field in fields}
    return schema


def resource_schemas(resource: Resource, *, version: str, family: str) -> dict[str, Any]:
    """The read, create, update and page schemas of one resource as of `version`."""
    fields = [f for f in fields_parse(resource.fields) if f.present_in(version)]
    name = resource.name
    schemas = {
        name: object_schema([ID, *fields, *STAMPS], family=family, description=resource.about)
    }
    writable = [f for f in fields if not f.read_only]
    if not resource.read_only:
        schemas[f"{name}Create"] = object_schema(
            writable, family=family, additionalProperties=False
        )
        optional = [Field(**{**vars(f), "required": False}) for f in writable]
        schemas[f"{name}Update"] = object_schema(
            optional, family=family, additionalProperties=False, minProperties=1
        )
    cursor = Field("next_cursor", "string", required=True, nullable=True)
    items = Field("items", "list", name, required=True)
    schemas[f"{name}Page"] = object_schema(
        [items, cursor], family=family, description=f"One page of {resource.path}."
    )
    return schemas


def problem_schemas(family: str) -> dict[str, Any]:
    """RFC 9457 problem details, and the variant that lists invalid fields."""
    problem = object_schema(
        fields_parse("type!:url title!:string status!:int detail:text instance:string"),
        family=family,
        description="An error, as RFC 9457 problem details.",
    )
    invalid = object_schema(
        fields_parse("field!:string message!:string"), family=family, title="InvalidField"
    )
    return {
        "Problem": problem,
        "ValidationProblem": {
            "allOf": [
                schema_ref("Problem"),
                {
                    "type": "object",
                    "properties": {"errors": {"type": "array", "items": invalid}},
                },
            ]
        },
    }


def error_responses(*, problem_json: bool = True) -> dict[str, Any]:
    """The shared error responses: problem details, served as `application/problem+json`
    unless `problem_json` is false (plain `application/json`, as before the style guide)."""
    media_type = PROBLEM if problem_json else "application/json"
    responses = {}
    for name, (status, description) in ERRORS.items():
        schema = "ValidationProblem" if status == "422" else "Problem"
        responses[name] = {
            "description": description,
            "content": {media_type: {"schema": schema_ref(schema)}},
        }
    return responses


def paging_parameters() -> dict[str, Any]:
    return {
        "Limit": {
            "name": "limit",
            "in": "query",
            "description": "How many items a page holds.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
        },
        "Cursor": {
            "name": "cursor",
            "in": "query",
            "description": "The `next_cursor` of the previous page.",
            "schema": {"type": "string"},
        },
        "IdempotencyKey": {
            "name": "Idempotency-Key",
            "in": "header",
            "description": "One key per logical request: a retry with it is not applied twice.",
            "schema": {"type": "string", "maxLength": 64},
        },
    }


def security(api: ApiPlan) -> tuple[dict[str, Any], list[Any], list[Any]]:
    """The security schemes, and the requirements of reading and of writing operations."""
    if api.audience == Audience.PUBLIC:
        scopes = {
            f"{api.slug}:read": f"Read {api.name} resources.",
            f"{api.slug}:write": f"Change {api.name} resources.",
        }
        flow = {"tokenUrl": "https://auth.example.com/oauth2/token", "scopes": scopes}
        schemes = {"oauth2": {"type": "oauth2", "flows": {"clientCredentials": flow}}}
        return schemes, [{"oauth2": [f"{api.slug}:read"]}], [{"oauth2": [f"{api.slug}:write"]}]
    if api.audience == Audience.PARTNER:
        schemes = {"apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}
        return schemes, [{"apiKey": []}], [{"apiKey": []}]
    schemes = {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
    return schemes, [{"bearer": []}], [{"bearer": []}]
