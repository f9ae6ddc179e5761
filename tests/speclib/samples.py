"""Sample documents and paths shared by speclib's tests."""

from __future__ import annotations

import shlex
import shutil
import sysconfig
import textwrap
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# An OpenAPI 3.1 document exercising what extraction reads, with some junk.
OAS31 = textwrap.dedent(
    """\
    openapi: 3.1.0
    info:
      title: Pets
      description: All about pets.
      version: 2.10
    servers:
      - url: https://api.example.com/v2
        description: Production
      - url: /relative
      - not-a-server
    tags:
      - name: pets
        description: Pet operations
      - name: 42
      - {description: no name}
      - just-a-string
    security:
      - apiKey: []
    paths:
      x-internal: {get: {}}
      /pets/{petId}:
        summary: A pet
        parameters:
          - {name: petId, in: path, schema: {type: string}}
          - {name: verbose, in: query, description: path level, schema: {type: boolean}}
          - $ref: '#/components/parameters/Trace'
        get:
          operationId: getPet
          summary: Get a pet
          tags: [pets, {nested: tag}, 7]
          parameters:
            - {name: verbose, in: query, description: operation level, schema: {type: integer}}
            - {name: verbose, in: header, schema: {type: string}}
          responses:
            200:
              description: The pet
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Pet'}
                application/xml: {}
            default: {$ref: '#/components/responses/Error'}
            x-extension: ignored
        delete:
          deprecated: true
          security: []
          responses: {'204': {description: gone}}
        post:
          requestBody:
            $ref: '#/components/requestBodies/NewPet'
          responses: {}
        parameters-typo: {}
    components:
      parameters:
        Trace: {name: X-Trace, in: header, required: true, schema: {type: string}}
      requestBodies:
        NewPet:
          required: true
          description: The pet to add
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
      responses:
        Error:
          description: An error
          content:
            application/problem+json:
              schema: {type: object}
      schemas:
        Pet:
          type: object
          required: [name]
          properties:
            name: {type: string}
            parent: {$ref: '#/components/schemas/Pet'}
    """
).encode()

# A Swagger 2.0 document with body, formData, consumes and produces.
SWAGGER = textwrap.dedent(
    """\
    swagger: 2.0
    info: {title: Store, version: 1.0}
    host: api.example.com
    basePath: /v1
    schemes: [https, http]
    consumes: [application/json]
    produces: [application/json, application/xml]
    paths:
      /pets:
        parameters:
          - {name: tenant, in: header, type: string, required: true}
        post:
          parameters:
            - {name: body, in: body, required: true, description: A pet,
               schema: {$ref: '#/definitions/Pet'}}
            - {$ref: '#/parameters/Limit'}
          responses:
            201: {description: Created, schema: {$ref: '#/definitions/Pet'}}
            204: {description: No content}
            400: {$ref: '#/responses/Bad'}
      /pets/{id}/photo:
        post:
          consumes: [multipart/form-data]
          produces: [text/plain]
          parameters:
            - {name: id, in: path, type: integer, format: int64}
            - {name: file, in: formData, type: file, required: true, description: The photo}
            - {name: caption, in: formData, type: string}
          responses:
            200: {description: ok, schema: {type: string}}
      /pets/{id}/note:
        put:
          parameters:
            - {name: text, in: formData, type: string, required: true}
          responses: {}
    parameters:
      Limit: {name: limit, in: query, type: integer, maximum: 100, items: {type: string}}
    responses:
      Bad: {description: Bad request}
    definitions:
      Pet:
        type: object
        properties: {name: {type: string}}
    """
).encode()


def require_compiled(built: bool, module: str, headers: tuple[str, ...] = ()) -> None:
    """For a test of a compiled module (hatch_build.py): it must have been built where a C
    compiler (and the ``headers`` it includes) is at hand; where not, the engine runs its
    Python code instead (which every test of that code covers), and there is nothing to
    compare."""
    if built:
        return
    linker = shlex.split(sysconfig.get_config_var("LDSHARED") or "cc")
    if shutil.which(linker[0]) is None:
        pytest.skip(f"no C compiler ({linker[0]}) on this machine: {module} is not built")
    folders = (
        Path(sysconfig.get_paths()["include"]),
        Path("/usr/include"),
        Path("/usr/local/include"),
    )
    missing = [name for name in headers if not any((folder / name).is_file() for folder in folders)]
    if missing:
        pytest.skip(f"no {', '.join(missing)} on this machine: {module} is not built")
    pytest.fail(f"{module} was not built although {linker[0]} is here: run `make sync`")
