"""The spec file of each demo version: which OpenAPI line, which syntax, which bytes."""

from dataclasses import dataclass

from catalog.demo.emit import document_bytes
from catalog.demo.openapi import openapi_document
from catalog.demo.plans import ApiPlan, TeamPlan, VersionPlan
from catalog.demo.swagger import swagger_document


@dataclass(frozen=True)
class SpecFile:
    filename: str
    content: bytes


def spec_file(api: ApiPlan, team: TeamPlan, plan: VersionPlan) -> SpecFile | None:
    """The version's document as the team would have uploaded it; None when it has none."""
    if not plan.spec:
        return None
    family = "3.0" if plan.swagger else api.openapi
    document = openapi_document(api, team, version=plan.version, family=family)
    if plan.swagger:
        document = swagger_document(document)
    name = f"{api.slug}-{plan.version}{'-swagger' if plan.swagger else ''}.{api.syntax}"
    return SpecFile(name, document_bytes(document, syntax=api.syntax))
