"""Small documents the differ's tests edit into base/revision pairs."""

from __future__ import annotations

import textwrap

PETS = textwrap.dedent(
    """\
    openapi: 3.0.3
    info: {title: Pets, version: 1.0.0}
    paths:
      /pets/{petId}:
        parameters:
          - {name: petId, in: path, required: true, schema: {type: string}}
        get:
          operationId: getPet
          parameters:
            - {name: verbose, in: query, schema: {type: boolean}}
          responses:
            "200":
              description: OK
              content:
                application/json:
                  schema: {$ref: "#/components/schemas/Pet"}
      /pets:
        post:
          requestBody:
            content:
              application/json:
                schema: {$ref: "#/components/schemas/Pet"}
          responses:
            "201": {description: Created}
    components:
      schemas:
        Pet:
          type: object
          properties:
            name: {type: string}
            children: {type: array, items: {$ref: "#/components/schemas/Pet"}}
    """
)


def edit(text: str, old: str, new: str) -> bytes:
    """``text`` with ``old`` (which must occur) replaced by ``new``, as bytes."""
    assert old in text, old
    return text.replace(old, new).encode()
