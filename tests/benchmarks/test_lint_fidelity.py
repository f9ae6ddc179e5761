"""The fidelity harness runs on a few corpus documents and prints its figures (no timing)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.lint_fidelity import CORPUS, spectral_findings

ROOT = Path(__file__).resolve().parents[2]
FILES = ("oai/v3.0_petstore.json", "oai/v2.0_yaml_petstore.yaml", "bump/train-travel.yaml")


def test_it_prints_recall_and_extras_for_three_documents(tmp_path: Path) -> None:
    report = tmp_path / "fidelity.json"
    globs = [argument for name in FILES for argument in ("--files", name)]
    done = subprocess.run(
        [sys.executable, "benchmarks/lint_fidelity.py", *globs, "--jobs", "1", "--json", report],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for figure in ("documents 3:", "recall ", "extras ", "messages ", "rule code", "total time"):
        assert figure in done.stdout
    summary = json.loads(report.read_text())["summary"]
    expected = sum(len(spectral_findings(CORPUS, name)[0]) for name in FILES)
    recorded = sum(sum(spectral_findings(CORPUS, name)[1].values()) for name in FILES)
    assert f"of Spectral's {recorded} findings, duplicates included" in done.stdout
    assert summary["documents"] == 3
    assert summary["spectral"] == expected
    assert f"({summary['matched']} of Spectral's {expected})" in done.stdout
