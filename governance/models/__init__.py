from governance.models.jobs import LintJob
from governance.models.rulesets import Ruleset, RulesetAssignment, RulesetRevision
from governance.models.runs import LintFinding, LintRun, RelintBatch, Severity

__all__ = [
    "LintFinding",
    "LintJob",
    "LintRun",
    "RelintBatch",
    "Ruleset",
    "RulesetAssignment",
    "RulesetRevision",
    "Severity",
]
