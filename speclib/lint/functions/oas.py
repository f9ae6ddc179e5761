"""The functions Spectral's ``spectral:oas`` ruleset needs, by the names it uses."""

from __future__ import annotations

from . import oas_document, oas_misc, oas_operations, oas_schemas

__all__ = ["FUNCTIONS"]

FUNCTIONS = {
    **oas_operations.FUNCTIONS,
    **oas_schemas.FUNCTIONS,
    **oas_document.FUNCTIONS,
    **oas_misc.FUNCTIONS,
}
