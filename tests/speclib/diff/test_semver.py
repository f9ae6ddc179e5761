"""The semver policy: breaking changes need a major (a minor below 1.0.0), additions a minor,
versions never decrease; levels come from the policy; accepted changes do not count."""

import pytest

from speclib.diff.model import Change, Level
from speclib.diff.semver import (
    Bump,
    SemverPolicy,
    bump_between,
    parse_version,
    required_bump,
    semver_findings,
)

REMOVED = Change(id="api-path-removed-without-deprecation", level=Level.ERROR, text="removed")
ADDED = Change(id="endpoint-added", level=Level.INFO, text="added", operation="GET /pets")
NEW_PARAM = Change(id="new-optional-request-parameter", level=Level.INFO, text="new param")
DEPRECATED = Change(id="endpoint-deprecated", level=Level.INFO, text="deprecated")
DESCRIBED = Change(id="endpoint-description-changed", level=Level.INFO, text="reworded")
WARNED = Change(id="response-property-enum-value-added", level=Level.WARNING, text="enum")


def ids(findings) -> list[str]:
    return [finding.id for finding in findings]


def test_it_asks_for_a_major_bump_for_a_breaking_change():
    (finding,) = semver_findings([REMOVED, ADDED], "1.4.0", "1.5.0")
    assert finding.id == "semver-major-bump-required"
    assert finding.level is Level.ERROR and finding.blocking
    assert finding.args["expected"] == "2.0.0"
    assert finding.args["changes"] == ["api-path-removed-without-deprecation"]
    assert "2.0.0" in finding.text and "1.5.0" in finding.text


@pytest.mark.parametrize("revision", ["2.0.0", "3.0.0", "2.0.0-beta.1", "v2.1.0"])
def test_it_accepts_a_major_bump_for_a_breaking_change(revision):
    assert semver_findings([REMOVED], "1.4.0", revision) == []


def test_it_accepts_a_minor_bump_for_a_breaking_change_below_1_0_0():
    assert semver_findings([REMOVED], "0.3.2", "0.4.0") == []
    (finding,) = semver_findings([REMOVED], "0.3.2", "0.3.3")
    assert finding.id == "semver-major-bump-required"
    assert finding.args["expected"] == "0.4.0"


@pytest.mark.parametrize("change", [ADDED, NEW_PARAM, DEPRECATED, WARNED])
def test_it_asks_for_a_minor_bump_for_an_addition_or_deprecation(change):
    (finding,) = semver_findings([change, DESCRIBED], "1.4.0", "1.4.1")
    assert finding.id == "semver-minor-bump-required"
    assert finding.args["expected"] == "1.5.0"
    assert semver_findings([change], "1.4.0", "1.5.0") == []
    assert semver_findings([change], "1.4.0", "2.0.0") == []


def test_it_lets_other_changes_go_with_a_patch_bump():
    assert semver_findings([DESCRIBED], "1.4.0", "1.4.1") == []
    assert semver_findings([], "1.4.0", "1.4.1") == []


def test_it_refuses_a_lower_version():
    (finding,) = semver_findings([], "1.4.0", "1.3.9")
    assert finding.id == "semver-version-decreased"
    (finding,) = semver_findings([], "2.0.0", "2.0.0-rc.1")
    assert finding.id == "semver-version-decreased"


def test_it_reports_versions_it_cannot_read():
    (finding,) = semver_findings([REMOVED], "1.4.0", "latest")
    assert finding.id == "semver-invalid-version" and finding.args["version"] == "latest"


def test_it_checks_nothing_more_on_a_first_release():
    assert semver_findings([REMOVED], None, "1.0.0") == []


def test_it_does_not_count_accepted_breaking_changes():
    accepted = Change(
        id=REMOVED.id, level=Level.ERROR, text="removed", ignored_because="agreed with consumers"
    )
    assert semver_findings([accepted], "1.4.0", "1.4.1") == []


def test_it_treats_leaving_a_prerelease_as_enough():
    assert semver_findings([REMOVED], "2.0.0-rc.1", "2.0.0") == []


def test_it_takes_the_levels_from_the_policy():
    lenient = SemverPolicy(levels={"semver-major-bump-required": Level.WARNING})
    (finding,) = semver_findings([REMOVED], "1.4.0", "1.5.0", policy=lenient)
    assert finding.level is Level.WARNING and not finding.blocking
    (finding,) = semver_findings([ADDED], "1.4.0", "1.4.1", policy=SemverPolicy.uniform(Level.INFO))
    assert finding.level is Level.INFO


def test_it_orders_versions_by_semver_precedence():
    order = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta.2", "1.0.0-beta.11"]
    order += ["1.0.0-rc.1", "1.0.0", "1.0.1", "1.10.0", "2.0.0"]
    parsed = [parse_version(text) for text in order]
    assert sorted(parsed, key=lambda version: version.key) == parsed
    assert parse_version("1.0") is None and parse_version("01.0.0") is None


def test_it_names_the_bump_between_two_versions():
    def bump(a, b):
        return bump_between(parse_version(a), parse_version(b))

    assert bump("1.4.0", "2.0.0") is Bump.MAJOR
    assert bump("1.4.0", "1.5.0") is Bump.MINOR
    assert bump("1.4.0", "1.4.2") is Bump.PATCH
    assert bump("1.4.0", "1.4.0") is Bump.NONE
    assert required_bump([DESCRIBED]) == (Bump.PATCH, [DESCRIBED])
    assert required_bump([]) == (Bump.NONE, [])
