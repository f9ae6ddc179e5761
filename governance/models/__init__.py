from governance.models.impact import ReleaseConsumerNotice
from governance.models.jobs import LintJob
from governance.models.releases import (
    OPEN_STATES,
    AcceptedChange,
    Release,
    ReleaseReview,
    ReleaseState,
)
from governance.models.rulesets import Ruleset, RulesetAssignment, RulesetRevision
from governance.models.runs import LintFinding, LintRun, RelintBatch, Severity

__all__ = [
    "OPEN_STATES",
    "AcceptedChange",
    "LintFinding",
    "LintJob",
    "LintRun",
    "RelintBatch",
    "Release",
    "ReleaseConsumerNotice",
    "ReleaseReview",
    "ReleaseState",
    "Ruleset",
    "RulesetAssignment",
    "RulesetRevision",
    "Severity",
]
