"""The release policy: which route a checked release takes, and the semver levels, per audience.

Settings (PORTAL_RELEASE_*, read when asked): per audience, whether a clean release is approved
automatically, how many governance reviewers must approve, how many when it breaks consumers,
and the level of the semver findings.
"""

from dataclasses import dataclass

from django.conf import settings

from speclib.diff.model import Level
from speclib.diff.semver import SemverPolicy


@dataclass(frozen=True)
class Route:
    """How a release is decided: automatically (no approvals) or by N reviewers, and why."""

    required_approvals: int
    reason: str

    @property
    def automatic(self) -> bool:
        return self.required_approvals == 0


@dataclass(frozen=True)
class Verdicts:
    """What the checks found that the policy weighs."""

    breaking: int  # blocking diff changes (accepted ones excluded)
    lint_errors: int | None  # None: the lint did not finish
    semver_blocking: int  # semver findings at error level
    failed: list[str]  # checks that could not run, with their reason
    impacted_consumers: int = 0  # known consumers that lately called what breaks


def audience_policy(audience: str) -> dict:
    policies = settings.PORTAL_RELEASE_POLICY
    return policies.get(audience) or policies["public"]


def semver_policy(audience: str) -> SemverPolicy:
    level = Level[audience_policy(audience)["semver_level"].upper()]
    return SemverPolicy.uniform(level)


def release_route(*, audience: str, verdicts: Verdicts) -> Route:
    """The route of a checked release. Only a release the checks fully cleared may skip review,
    and only where the audience's policy allows it."""
    policy = audience_policy(audience)
    problems = []
    if verdicts.failed:
        problems.append("checks that could not run")
    if verdicts.breaking:
        reach = verdicts.impacted_consumers
        called = f" to operations {reach} known consumer(s) called lately" if reach else ""
        problems.append(f"{verdicts.breaking} breaking change(s){called}")
    if verdicts.lint_errors:
        problems.append(f"{verdicts.lint_errors} lint error(s)")
    if verdicts.semver_blocking:
        problems.append("a version number that does not match the changes")
    if not problems and policy["auto_approve"]:
        return Route(0, f"{audience.title()} release with no breaking change and no lint error.")
    count = policy["reviewers_breaking"] if verdicts.breaking else policy["reviewers"]
    count = max(count, 1)
    why = ", ".join(problems) if problems else f"every {audience} release is reviewed"
    reviewers = "reviewer" if count == 1 else "reviewers"
    return Route(count, f"{count} governance {reviewers}: {why}.")
