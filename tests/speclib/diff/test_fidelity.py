"""The differ scored on oasdiff's own test cases (../shared/diff-cases, provided by CI).

The floors are the figures reached so far; raise them as the differ improves, never lower
them to make a change pass.
"""

from __future__ import annotations

from benchmarks.diff_fidelity import CASES, score

RECALL_FLOOR = 99.0
PRECISION_FLOOR = 99.0


def test_it_reaches_the_fidelity_floors_on_the_oasdiff_cases():
    assert (CASES / "cases").is_dir(), f"the diff cases are missing: {CASES}"
    tallies, outcomes = score(CASES)
    total = tallies["all"]
    crashed = [outcome.case for outcome in outcomes if outcome.error]
    assert total.cases == 476
    assert not crashed, f"the differ raised on {crashed[:5]}"
    assert total.recall >= RECALL_FLOOR, f"recall {total.recall:.1f}%"
    assert total.precision >= PRECISION_FLOOR, f"precision {total.precision:.1f}%"
