"""Which OpenAPI (or Swagger) version a parsed document declares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from .errors import SpecError

__all__ = ["Family", "SpecFormat", "detect_format"]

Family = Literal["2.0", "3.0", "3.1", "3.2"]

# major.minor[.patch][-pre-release or +build]; "3.0" without a patch is accepted
# because real documents use it, even though the specification asks for three parts.
_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.\d+)?(?:[-+][0-9A-Za-z.+-]*)?")
_OPENAPI_FAMILIES: dict[tuple[int, int], Family] = {(3, 0): "3.0", (3, 1): "3.1", (3, 2): "3.2"}
_NOT_OPENAPI = (
    "This document is not an OpenAPI description: it has no top-level `openapi` or `swagger` field."
)


@dataclass(frozen=True, slots=True)
class SpecFormat:
    """``family`` is the version line speclib reads it as; ``declared`` the exact text."""

    family: Family
    declared: str


def detect_format(doc: Any) -> SpecFormat:
    """Read the top-level ``openapi`` (3.x) or ``swagger`` (2.0) field.

    Raises SpecError "not-openapi" when the document is not a mapping or has
    neither field, "unsupported-version" for any version but 2.0 and 3.0 to 3.2.
    ``openapi`` wins when both fields are present.
    """
    if not isinstance(doc, dict):
        raise SpecError("not-openapi", _NOT_OPENAPI)
    if "openapi" in doc:
        declared = _declared(doc["openapi"], "openapi")
        match = _VERSION.fullmatch(declared)
        family = _OPENAPI_FAMILIES.get((int(match[1]), int(match[2]))) if match else None
        if family is None:
            raise _unsupported(f"OpenAPI {declared}")
        return SpecFormat(family, declared)
    if "swagger" in doc:
        declared = _declared(doc["swagger"], "swagger")
        if declared not in ("2.0", "2"):
            raise _unsupported(f"Swagger {declared}")
        return SpecFormat("2.0", declared)
    if "swaggerVersion" in doc:  # Swagger 1.x resource listings
        raise _unsupported("Swagger 1.x")
    raise SpecError("not-openapi", _NOT_OPENAPI)


def _declared(value: object, field: str) -> str:
    """The version as text; numbers are accepted because unquoted ``2.0`` is common in JSON."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise SpecError(
        "unsupported-version",
        f'The `{field}` field must be a version string such as "3.1.0" or "2.0".',
    )


def _unsupported(what: str) -> SpecError:
    return SpecError(
        "unsupported-version",
        f"{what} is not supported; upload a Swagger 2.0 or OpenAPI 3.0, 3.1 or 3.2 document.",
    )
