"""Governance pages, one module per area: rulesets (and, beside them, lint results and releases)."""

from governance.views.compare import version_compare
from governance.views.findings import catalog_findings, catalog_rule_findings
from governance.views.lint import version_lint, version_lint_export
from governance.views.lint_try import lint_try, lint_try_job
from governance.views.releases import (
    approvals_count,
    approvals_inbox,
    release_act,
    release_detail,
    release_feed,
    release_history,
    release_source,
    version_changelog,
    version_release_section,
    version_submit,
)
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
    "approvals_count",
    "approvals_inbox",
    "assignment_set",
    "catalog_findings",
    "catalog_rule_findings",
    "lint_try",
    "lint_try_job",
    "ruleset_adopt",
    "ruleset_create",
    "ruleset_detail",
    "ruleset_list",
    "ruleset_revise",
    "release_act",
    "release_detail",
    "release_feed",
    "release_history",
    "release_source",
    "rule_detail",
    "rule_list",
    "team_scorecard",
    "version_changelog",
    "version_compare",
    "version_lint",
    "version_lint_export",
    "version_release_section",
    "version_submit",
]
