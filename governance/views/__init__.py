"""Governance pages, one module per area: rulesets (and, beside them, lint results and releases)."""

from governance.views.lint import version_lint
from governance.views.rules import rule_detail, rule_list
from governance.views.rulesets import (
    assignment_set,
    ruleset_adopt,
    ruleset_create,
    ruleset_detail,
    ruleset_list,
    ruleset_revise,
)
from governance.views.scorecards import team_scorecard

__all__ = [
    "assignment_set",
    "ruleset_adopt",
    "ruleset_create",
    "ruleset_detail",
    "ruleset_list",
    "ruleset_revise",
    "rule_detail",
    "rule_list",
    "team_scorecard",
    "version_lint",
]
