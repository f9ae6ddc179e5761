"""Spectral's core functions, by the names rulesets use."""

from __future__ import annotations

from . import alphabetical, basic, casing, pattern, schema, unreferenced

__all__ = ["FUNCTIONS"]

FUNCTIONS = {
    **basic.FUNCTIONS,
    **pattern.FUNCTIONS,
    **casing.FUNCTIONS,
    **alphabetical.FUNCTIONS,
    **schema.FUNCTIONS,
    **unreferenced.FUNCTIONS,
}
