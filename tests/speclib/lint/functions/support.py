"""Runs one rule function the way Spectral's own tests do: a one-rule ruleset on ``$``."""

from __future__ import annotations

import json
from typing import Any

from speclib.lint import lint, load_ruleset
from speclib.lint.types import FunctionContext

__all__ = ["context_for", "run_function", "run_rule"]


def run_rule(rule: dict[str, Any], document: Any, *, text: str | None = None) -> list[dict]:
    """Findings of ``my-rule`` on ``document`` (JSON), as Spectral's tests list them."""
    ruleset = load_ruleset({"rules": {"my-rule": rule}})
    data = (text if text is not None else json.dumps(document)).encode()
    report = lint(data, ruleset)
    assert report.failures == []
    return [
        {"path": [str(segment) for segment in finding.path], "message": finding.message}
        for finding in report.findings
        if finding.code == "my-rule"
    ]


def run_function(
    name: str, document: Any, options: Any = None, **rule: Any
) -> list[dict[str, Any]]:
    then = {**rule.pop("then", {}), "function": name}
    if options is not None:
        then["functionOptions"] = options
    return run_rule({"given": "$", **rule, "then": then}, document)


def context_for(document: Any, path: tuple = (), **overrides: Any) -> FunctionContext:
    """A context for calling a function directly (target at ``path`` of ``document``)."""
    values = {
        "document": document,
        "raw": document,
        "path": path,
        "given_path": path,
        "rule_name": "my-rule",
        "formats": frozenset(),
        "resolver": None,
        **overrides,
    }
    return FunctionContext(**values)
