"""Functions that change governance data. Views, serializers and tasks call these, nothing else."""

from governance.services.jobs import LintFailed, lint_document, lint_job_create, lint_job_execute
from governance.services.relint import relint_after_ruleset_change, relint_batch_run
from governance.services.rollups import api_refresh_lint
from governance.services.rulesets import (
    ruleset_adopt_recommended,
    ruleset_assign,
    ruleset_create,
    ruleset_revise,
    ruleset_validate,
)
from governance.services.runs import (
    lint_execute,
    lint_request,
    lint_request_for_version,
    lint_spec_ready,
)
from governance.services.sweep import lint_sweep

__all__ = [
    "LintFailed",
    "api_refresh_lint",
    "lint_document",
    "lint_execute",
    "lint_job_create",
    "lint_job_execute",
    "lint_request",
    "lint_request_for_version",
    "lint_spec_ready",
    "lint_sweep",
    "relint_after_ruleset_change",
    "relint_batch_run",
    "ruleset_adopt_recommended",
    "ruleset_assign",
    "ruleset_create",
    "ruleset_revise",
    "ruleset_validate",
]
