"""Data the catalog page tests share: a small OpenAPI document and builders that
go through the services, as the pages' own forms do."""

from catalog.models import Api, Version
from catalog.services import Actor, spec_process, version_attach_spec, version_create

SPEC = b"""\
openapi: 3.1.0
info:
  title: Payments
  version: 1.0.0
servers:
  - url: https://api.example.com/v1
    description: Production
tags:
  - name: payments
    description: Money *in*.
paths:
  /payments/{id}:
    get:
      tags: [payments]
      summary: Get a payment
      operationId: getPayment
      parameters:
        - name: id
          in: path
          description: The payment id.
          schema: {type: string, format: uuid}
        - name: expand
          in: query
          deprecated: true
          schema: {type: string, enum: [refunds, customer]}
      responses:
        "200":
          description: The payment.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Payment"}
        "404":
          description: Not found.
  /payments:
    post:
      tags: [payments]
      summary: Create a payment
      deprecated: true
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Payment"}
      responses:
        "201": {description: Created.}
  /health:
    get:
      summary: Say it is alive
      responses:
        "200": {description: Alive.}
components:
  schemas:
    Payment:
      type: object
      required: [amount]
      properties:
        amount: {type: integer, description: In cents.}
        status: {type: string, enum: [pending, paid]}
        parent: {$ref: "#/components/schemas/Payment"}
"""


def version_with_spec(
    api: Api, *, version: str = "1.0.0", content: bytes = SPEC, parse: bool = True, **fields
) -> Version:
    """A version of `api` with `content` attached (and parsed, unless told not to)."""
    actor = Actor.system("test")
    created = version_create(actor=actor, api=api, version=version, **fields)
    spec = version_attach_spec(actor=actor, version=created, content=content, filename="api.yaml")
    if parse:
        spec_process(spec_id=spec.pk)
    created.refresh_from_db()
    return created
