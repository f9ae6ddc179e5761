"""Every spectral:oas rule finds what Spectral finds, on a document that breaks it and on one
that keeps it.

``spectral_oas_cases.json`` holds, per rule, two small documents and the findings of that rule
that Spectral CLI 6.16.3's engine (spectral-core 1.24.1, spectral-rulesets 1.23.1, every rule
enabled) reported on each: path, message and severity.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from speclib.lint import lint, load_ruleset
from speclib.lint.rulesets.spectral_oas import RULESET

CASES = json.loads((Path(__file__).parent / "spectral_oas_cases.json").read_text(encoding="utf-8"))


@cache
def _every_rule():
    return load_ruleset({"extends": [["spectral:oas", "all"]]})


def _findings(rule: str, document: str) -> list[dict]:
    report = lint(document.encode(), _every_rule(), source="doc.yaml")
    assert report.failures == []
    return [
        {
            "path": [str(segment) for segment in finding.path],
            "message": finding.message,
            "severity": int(finding.severity),
        }
        for finding in report.findings
        if finding.code == rule
    ]


def _key(finding: dict) -> tuple:
    return (finding["path"], finding["message"])


def test_it_has_a_case_for_every_rule():
    assert sorted(entry["rule"] for entry in CASES) == sorted(RULESET["rules"])


@pytest.mark.parametrize("entry", CASES, ids=[entry["rule"] for entry in CASES])
def test_it_reports_what_spectral_reports_when_the_rule_is_broken(entry):
    broken = entry["cases"][0]
    assert broken["spectral"], "the case must break the rule"
    found = _findings(entry["rule"], broken["document"])
    assert sorted(found, key=_key) == sorted(broken["spectral"], key=_key)


@pytest.mark.parametrize("entry", CASES, ids=[entry["rule"] for entry in CASES])
def test_it_stays_quiet_when_the_rule_is_kept(entry):
    kept = entry["cases"][1]
    assert _findings(entry["rule"], kept["document"]) == kept["spectral"] == []


# More documents for the rules whose functions have the most cases (examples against schemas,
# path parameters, server variables, security...), with Spectral's findings recorded the same
# way.
MORE = json.loads(
    (Path(__file__).parent / "spectral_oas_more_cases.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize(
    "entry", MORE, ids=[f"{entry['rule']}-{index}" for index, entry in enumerate(MORE)]
)
def test_it_reports_what_spectral_reports_in_harder_cases(entry):
    found = _findings(entry["rule"], entry["document"])
    assert sorted(found, key=_key) == sorted(entry["spectral"], key=_key)
