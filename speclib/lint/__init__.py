"""A Spectral-compatible lint engine for OpenAPI documents (plain Python, no Django)."""

from .types import (
    Finding,
    FunctionContext,
    FunctionResult,
    Position,
    Range,
    RulesetError,
    Severity,
)

__all__ = [
    "Finding",
    "FunctionContext",
    "FunctionResult",
    "Position",
    "Range",
    "RulesetError",
    "Severity",
]
