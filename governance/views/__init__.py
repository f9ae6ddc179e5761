"""Governance pages, one module per area: rulesets (and, beside them, lint results and releases)."""

from governance.views.rulesets import (
    assignment_set,
    ruleset_adopt,
    ruleset_create,
    ruleset_detail,
    ruleset_list,
    ruleset_revise,
)

__all__ = [
    "assignment_set",
    "ruleset_adopt",
    "ruleset_create",
    "ruleset_detail",
    "ruleset_list",
    "ruleset_revise",
]
