"""The operations of one resource: list, get, create, update, delete and POST actions."""

import re
from typing import Any

from catalog.demo import components
from catalog.demo.fields import fields_parse, schema_ref
from catalog.demo.plans import Resource

JSON = "application/json"


def tag_of(resource: Resource) -> str:
    return resource.path.replace("-", " ").capitalize()


def _words(name: str) -> str:
    """ "PriceList" -> "price list"."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def _article(words: str) -> str:
    return "an" if words[0] in "aeio" else "a"  # "a user", "an order"


def _camel(path: str) -> str:
    return "".join(part.capitalize() for part in path.split("-"))


class Operations:
    """The operations of one resource, as of one version."""

    def __init__(
        self, resource: Resource, *, version: str, write: list[Any], terse: bool = False
    ) -> None:
        self.resource = resource
        self.version = version
        self.word = _words(resource.name)
        self.a_word = f"{_article(self.word)} {self.word}"
        self.plural = resource.path.replace("-", " ")
        self.write = write
        self.deprecated = resource.deprecated_in(version)
        self.terse = terse  # actions without a description (a lapse, see catalog.demo.plans)

    def _operation(self, operation_id: str, summary: str, description: str, **rest: Any) -> dict:
        operation: dict[str, Any] = {
            "tags": [tag_of(self.resource)],
            "operationId": operation_id,
            "summary": summary,
        }
        if self.deprecated:
            removal = self.resource.removed
            description += f"\n\nDeprecated since {self.resource.deprecated}" + (
                f"; removed in {removal}." if removal else "."
            )
        if description:
            operation["description"] = description.lstrip()
        if self.deprecated:
            operation["deprecated"] = True
        return {**operation, **rest}

    def _responses(self, status: str, description: str, *errors: str, body: Any = None) -> dict:
        ok: dict[str, Any] = {"description": description}
        if body is not None:
            ok["content"] = {JSON: {"schema": body}}
        responses = {status: ok}
        for error in ("Unauthorized", *errors):
            code = components.ERRORS[error][0]
            responses[code] = {"$ref": f"#/components/responses/{error}"}
        return dict(sorted(responses.items()))

    def _body(self, schema: str) -> dict[str, Any]:
        return {"required": True, "content": {JSON: {"schema": schema_ref(schema)}}}

    def listing(self) -> dict[str, Any]:
        parameters: list[Any] = [
            {"$ref": "#/components/parameters/Limit"},
            {"$ref": "#/components/parameters/Cursor"},
        ]
        for field in fields_parse(self.resource.fields):
            if field.kind == "enum" and field.present_in(self.version):
                parameters.append(
                    {
                        "name": field.name,
                        "in": "query",
                        "description": f"Only {self.plural} with this {field.name}.",
                        "schema": {"type": "string", "enum": field.argument.split("|")},
                    }
                )
        return self._operation(
            f"list{_camel(self.resource.path)}",
            f"List {self.plural}",
            f"Returns {self.plural}, newest first, one page at a time. Pass a page's "
            "`next_cursor` as `cursor` to read the next one.",
            parameters=parameters,
            responses=self._responses(
                "200",
                f"A page of {self.plural}.",
                "BadRequest",
                body=schema_ref(f"{self.resource.name}Page"),
            ),
        )

    def retrieve(self) -> dict[str, Any]:
        return self._operation(
            f"get{self.resource.name}",
            f"Get {self.a_word}",
            f"Returns one {self.word} by its id.",
            responses=self._responses(
                "200", f"The {self.word}.", "NotFound", body=schema_ref(self.resource.name)
            ),
        )

    def create(self) -> dict[str, Any]:
        created = self._responses(
            "201",
            f"The new {self.word}.",
            "BadRequest",
            "Conflict",
            "ValidationFailed",
            body=schema_ref(self.resource.name),
        )
        created["201"]["headers"] = {
            "Location": {"description": "The new resource's URL.", "schema": {"type": "string"}}
        }
        return self._operation(
            f"create{self.resource.name}",
            f"Create {self.a_word}",
            f"Creates {self.a_word}. Send an `Idempotency-Key` to retry safely.",
            parameters=[{"$ref": "#/components/parameters/IdempotencyKey"}],
            requestBody=self._body(f"{self.resource.name}Create"),
            responses=created,
            security=self.write,
        )

    def update(self) -> dict[str, Any]:
        return self._operation(
            f"update{self.resource.name}",
            f"Update {self.a_word}",
            "Changes the fields sent; the fields left out keep their values.",
            requestBody=self._body(f"{self.resource.name}Update"),
            responses=self._responses(
                "200",
                f"The updated {self.word}.",
                "NotFound",
                "ValidationFailed",
                body=schema_ref(self.resource.name),
            ),
            security=self.write,
        )

    def destroy(self) -> dict[str, Any]:
        return self._operation(
            f"delete{self.resource.name}",
            f"Delete {self.a_word}",
            f"Deletes {self.a_word}. Deleting it again answers 404.",
            responses=self._responses("204", "Deleted.", "NotFound", "Conflict"),
            security=self.write,
        )

    def action(self, verb: str) -> dict[str, Any]:
        return self._operation(
            f"{verb}{self.resource.name}",
            f"{verb.capitalize()} {self.a_word}",
            ""
            if self.terse
            else f"Runs `{verb}` on {self.a_word}; answers 409 when its state does not allow it.",
            parameters=[{"$ref": "#/components/parameters/IdempotencyKey"}],
            responses=self._responses(
                "200",
                f"The {self.word} after `{verb}`.",
                "NotFound",
                "Conflict",
                body=schema_ref(self.resource.name),
            ),
            security=self.write,
        )
