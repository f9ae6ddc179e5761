"""Fidelity of the breaking-change differ with oasdiff on the shared cases.

    uv run --frozen python benchmarks/diff_fidelity.py [--cases DIR] [--area AREA] [--failures]

Runs ``speclib.diff.compare`` on every case of ../shared/diff-cases (476 pairs taken from
oasdiff's own tests; see its README for the scoring rules) with the options the test used
(the single oasdiff check it enabled, the lowest level it reported, WithDeprecation days,
StabilityLevel), and compares the rule ids reported with the ids the test expects:

* recall: expected ids reported (as a multiset on cases whose list is complete);
* precision: reported ids that were expected, on the cases whose list is complete, plus every
  reported id the test asserts is absent;
* a case passes when its list matches exactly (complete lists), or every expected id is there
  and no absent one (partial), and the asserted count holds.

The three version-bump ids the tests switch off are ignored. Prints the figures overall and
per area; ``--failures`` lists the cases that do not pass, with the ids missing and extra.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASES = Path(os.environ.get("PORTAL_DIFF_CASES", ROOT.parent / "shared" / "diff-cases"))
GOAL = 95.0
SWITCHED_OFF = {"api-version-not-bumped", "api-version-decreased", "api-major-version-not-bumped"}
_DEPRECATION = re.compile(r"WithDeprecation\((\d+),\s*(\d+)\)")
_STABILITY = re.compile(r"StabilityLevel\s*=\s*checker\.StabilityLevel(\w+)")


@dataclass
class Tally:
    expected: int = 0
    found: int = 0
    reported: int = 0  # ids counted for precision
    correct: int = 0  # of those, the expected ones
    cases: int = 0
    passed: int = 0

    @property
    def recall(self) -> float:
        return 100.0 * self.found / self.expected if self.expected else 100.0

    @property
    def precision(self) -> float:
        return 100.0 * self.correct / self.reported if self.reported else 100.0


@dataclass
class Outcome:
    case: str
    area: str
    passed: bool
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    error: str | None = None


def options_for(run: dict):
    """The DiffOptions an oasdiff test's run settings amount to."""
    from speclib.diff import DiffOptions, Level

    levels = {"INFO": Level.INFO, "WARN": Level.WARNING, "ERR": Level.ERROR}
    checks = run["checks"]
    kwargs: dict = {
        "min_level": levels[run["min_level_reported"]],
        "include_checks": None if checks == "all" else frozenset(checks),
    }
    for option in run.get("options") or []:
        if match := _DEPRECATION.search(option):
            kwargs["deprecation_days_beta"] = int(match[1])
            kwargs["deprecation_days_stable"] = int(match[2])
        if match := _STABILITY.search(option):
            kwargs["stability_level"] = match[1].lower()
    return DiffOptions(**kwargs)


def run_case(folder: Path) -> tuple[Outcome, Tally]:
    """Diff one case and score it."""
    from speclib.diff import compare

    spec = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    expect = spec["expect"]
    outcome = Outcome(folder.name, spec["area"], False)
    try:
        result = compare(
            (folder / "base.yaml").read_bytes(),
            (folder / "revision.yaml").read_bytes(),
            options=options_for(spec["run"]),
        )
        reported = Counter(c.id for c in result.changes if c.id not in SWITCHED_OFF)
    except Exception as exc:  # noqa: BLE001 - a crash is scored as nothing reported
        outcome.error = f"{type(exc).__name__}: {exc}"
        reported = Counter()
    expected = Counter(e["id"] for e in expect["ids"] if e["id"] not in SWITCHED_OFF)
    absent = set(expect.get("absent_ids") or ()) - SWITCHED_OFF
    complete = bool(expect["list_complete"])
    tally = Tally(cases=1, expected=sum(expected.values()))
    if complete:
        tally.found = sum(min(n, reported[i]) for i, n in expected.items())
        tally.reported = sum(reported.values())
        tally.correct = tally.found
        outcome.missing = sorted((expected - reported).elements())
        outcome.extra = sorted((reported - expected).elements())
    else:
        tally.found = sum(n for i, n in expected.items() if reported[i])
        outcome.missing = sorted(i for i in expected if not reported[i])
        outcome.extra = sorted(i for i in absent if reported[i])
        tally.reported = len(outcome.extra)
    count = expect.get("exact_count")
    count_ok = count is None or sum(reported.values()) == count
    if not count_ok and not outcome.extra and not complete:
        outcome.extra = [f"(count {sum(reported.values())}, expected {count})"]
    outcome.passed = not outcome.missing and not outcome.extra and count_ok and not outcome.error
    tally.passed = int(outcome.passed)
    return outcome, tally


def score(cases: Path = CASES, area: str | None = None) -> tuple[dict[str, Tally], list[Outcome]]:
    """Per-area tallies (and "all") and every case's outcome."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    outcomes = []
    for folder in sorted(p for p in (cases / "cases").iterdir() if p.is_dir()):
        outcome, tally = run_case(folder)
        if area and outcome.area != area:
            continue
        outcomes.append(outcome)
        for key in ("all", outcome.area):
            total = tallies[key]
            for name in ("expected", "found", "reported", "correct", "cases", "passed"):
                setattr(total, name, getattr(total, name) + getattr(tally, name))
    return dict(tallies), outcomes


def report(tallies: dict[str, Tally]) -> str:
    lines = [f"{'area':40} {'cases':>5} {'pass':>5} {'recall':>7} {'precision':>9}"]
    for name in sorted(tallies, key=lambda n: (n != "all", n)):
        t = tallies[name]
        lines.append(
            f"{name:40} {t.cases:5} {t.passed:5} {t.recall:6.1f}% {t.precision:8.1f}%"
            f"   ({t.found}/{t.expected} found, {t.correct}/{t.reported} correct)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=CASES, help="the diff-cases folder")
    parser.add_argument("--area", help="only this area")
    parser.add_argument("--failures", action="store_true", help="list the cases that fail")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    start = time.perf_counter()
    tallies, outcomes = score(args.cases, args.area)
    seconds = time.perf_counter() - start
    if args.failures:
        for outcome in outcomes:
            if not outcome.passed:
                print(f"{outcome.case} [{outcome.area}]")
                if outcome.error:
                    print(f"    error: {outcome.error}")
                if outcome.missing:
                    print(f"    missing: {', '.join(outcome.missing)}")
                if outcome.extra:
                    print(f"    extra: {', '.join(outcome.extra)}")
        print()
    print(report(tallies))
    total = tallies.get("all", Tally())
    goal = "met" if min(total.recall, total.precision) >= GOAL else "not met"
    print(f"\n{len(outcomes)} cases in {seconds:.1f} s; goal ({GOAL:.0f}% both): {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
