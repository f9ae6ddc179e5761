"""A Spectral-compatible lint engine for OpenAPI documents (plain Python, no Django).

``load_ruleset`` reads a Spectral ruleset (YAML, JSON or a mapping), ``builtin_ruleset`` gives
``spectral:oas`` and the portal's own, and ``lint`` runs one over a document, returning findings
with Spectral's codes, paths, messages, severities and source ranges.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .engine import LintReport, lint
from .ruleset import Rule, Ruleset, build_ruleset
from .rulesource import BUILTIN_RULESETS, read_definition
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
    "BUILTIN_RULESETS",
    "Finding",
    "FunctionContext",
    "FunctionResult",
    "LintReport",
    "Position",
    "Range",
    "Rule",
    "Ruleset",
    "RulesetError",
    "Severity",
    "builtin_ruleset",
    "lint",
    "load_ruleset",
]


def load_ruleset(
    source: str | bytes | dict,
    *,
    base_dir: Path | None = None,
    name: str = "ruleset",
    functions: Mapping[str, Callable[..., Any]] | None = None,
) -> Ruleset:
    """Read and check a ruleset; raises RulesetError naming the rule and the problem.

    ``base_dir`` is the ruleset file's folder: relative ``extends`` and ``overrides`` patterns
    are read from it. ``functions`` replaces the registry of rule functions (for tests).
    """
    if functions is None:
        from .functions import FUNCTIONS

        functions = FUNCTIONS
    definition = read_definition(source, name)
    return build_ruleset(definition, base_dir=base_dir, name=name, functions=functions)


def builtin_ruleset(name: str) -> Ruleset:
    """A built-in ruleset by name: "spectral:oas" (its recommended rules), "spectral:oas:all"
    (every rule) or "portal:recommended"."""
    base, _, scope = name.partition(":all") if name.endswith(":all") else (name, "", "")
    if base not in BUILTIN_RULESETS:
        raise RulesetError(f'unknown built-in ruleset "{name}"')
    severity = "all" if name.endswith(":all") else "recommended"
    return load_ruleset({"extends": [[base, severity]]}, name=name)
