"""Functions that change governance data. Views, serializers and tasks call these, nothing else."""

from governance.services.jobs import LintFailed, lint_document, lint_job_create, lint_job_execute
from governance.services.releases import (
    ReleaseConflict,
    allowed_actions,
    release_accept_change,
    release_approve,
    release_comment,
    release_reject,
    release_request_changes,
    release_spec_changed,
    release_submit,
    release_withdraw,
    review_refusal,
)
from governance.services.releases_checks import (
    RELEASE_CHECK_DELAY,
    release_check,
    releases_unchecked,
)
from governance.services.releases_impact import release_impact
from governance.services.releases_impact_notify import (
    release_impact_notices_write,
    release_impact_notify,
    release_impact_unsent,
)
from governance.services.releases_notify import release_notify
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
    "RELEASE_CHECK_DELAY",
    "ReleaseConflict",
    "LintFailed",
    "allowed_actions",
    "api_refresh_lint",
    "lint_document",
    "lint_execute",
    "lint_job_create",
    "lint_job_execute",
    "lint_request",
    "lint_request_for_version",
    "lint_spec_ready",
    "lint_sweep",
    "release_accept_change",
    "release_approve",
    "release_check",
    "release_comment",
    "release_impact",
    "release_impact_notices_write",
    "release_impact_notify",
    "release_impact_unsent",
    "release_notify",
    "release_reject",
    "release_request_changes",
    "release_spec_changed",
    "release_submit",
    "release_withdraw",
    "releases_unchecked",
    "relint_after_ruleset_change",
    "relint_batch_run",
    "ruleset_adopt_recommended",
    "ruleset_assign",
    "ruleset_create",
    "ruleset_revise",
    "review_refusal",
    "ruleset_validate",
]
