"""Speed of `portal diff` beside Optic's `optic diff`, in one run, on the same pairs.

    uv run --frozen python benchmarks/diff_speed.py [--pairs small,medium,large] [--timeout 600]

Each pair is a public document from ../shared/corpus (the base, as published) and a revision
made from it by three edits a release might bring: one operation removed, one optional query
parameter made required, one enum narrowed (its last value dropped). Both tools run as
subprocesses from the command line, as CI runs them: `portal diff --format json BASE REV` and
`optic diff BASE REV --check --json` (Optic 1.0.9 with the `ajv` override the case README
gives, installed with npm into var/peers/optic/ the first time). Measured: wall time and peak
RSS of the process (os.wait4), with a time-out per run. Goal: a 10 MB pair under 5 seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.lint_speed import CORPUS, Run, measure  # noqa: E402

OPTIC = ROOT / "var" / "peers" / "optic"
PAIRS = {
    "small": "oai/v3.0_petstore.json",
    "medium": "box/openapi.json",
    "large": "github/api.github.com.json",
}
GOAL_SECONDS = 5.0
_METHODS = ("get", "put", "post", "delete", "patch")


def install_optic() -> Path:
    binary = OPTIC / "node_modules" / ".bin" / "optic"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        sys.exit("npm is needed to install Optic (apt-get install npm)")
    print("installing @useoptic/optic into var/peers/optic/ (first use)...")
    OPTIC.mkdir(parents=True, exist_ok=True)
    manifest = {"name": "optic-peer", "private": True, "overrides": {"ajv": "8.17.1"}}
    (OPTIC / "package.json").write_text(json.dumps(manifest))
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "@useoptic/optic@1.0.9"],
                   cwd=OPTIC, check=True)  # fmt: skip
    return binary


def edited(doc: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A revision of ``doc`` (a deep copy) with the three edits, and what was edited."""
    revision = json.loads(json.dumps(doc))
    done = []
    paths = revision["paths"]
    for path, item in paths.items():
        methods = [m for m in _METHODS if m in item]
        if len(methods) >= 2:
            del item[methods[-1]]
            done.append(f"removed {methods[-1].upper()} {path}")
            break
    for path, item in paths.items():
        params = [p for m in _METHODS for p in item.get(m, {}).get("parameters", [])]
        optional = next(
            (p for p in params if p.get("in") == "query" and not p.get("required")), None
        )
        if optional is not None:
            optional["required"] = True
            done.append(f"made query parameter {optional['name']!r} of {path} required")
            break
    enum = _first_enum(revision.get("components", {}).get("schemas", {}))
    if enum is not None:
        done.append(f"dropped enum value {enum.pop()!r}")
    return revision, done


def _first_enum(node: Any) -> list | None:
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            values = current.get("enum")
            if isinstance(values, list) and len(values) >= 2 and "$ref" not in current:
                return values
            stack.extend(reversed(list(current.values())))
        elif isinstance(current, list):
            stack.extend(reversed(current))
    return None


def prepare(name: str, folder: Path) -> tuple[Path, Path, list[str]]:
    source = CORPUS / "specs" / name
    doc = json.loads(source.read_bytes())
    revision, done = edited(doc)
    base_path = folder / f"base-{source.name}"
    revision_path = folder / f"revision-{source.name}"
    shutil.copyfile(source, base_path)
    revision_path.write_text(json.dumps(revision, indent=1))
    return base_path, revision_path, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", default=",".join(PAIRS), help="which pairs (comma-separated)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    args = parser.parse_args()
    optic = install_optic()
    portal = Path(sys.executable).parent / "portal"
    os.environ["OPTIC_TELEMETRY_LEVEL"] = "off"
    print(f"{'pair':8} {'MB':>6}  {'tool':6} {'seconds':>8} {'peak MB':>8} {'exit':>4} changes")
    with tempfile.TemporaryDirectory() as tmp:
        for pair in args.pairs.split(","):
            base, revision, done = prepare(PAIRS[pair], Path(tmp))
            size = (base.stat().st_size + revision.stat().st_size) / 2 / 1e6
            print(f"# {pair}: {PAIRS[pair]}: {'; '.join(done)}")
            tools = {
                "portal": [str(portal), "diff", "--format", "json", str(base)],
                "optic": [str(optic), "diff", str(base), "--check", "--json"],
            }
            for tool, argv in tools.items():
                run: Run = measure(tool, argv, revision, args.timeout)
                seconds = f"{run.seconds:8.2f}" if run.seconds is not None else f"{'-':>8}"
                peak = f"{run.peak_mb:8.0f}" if run.peak_mb is not None else f"{'-':>8}"
                # Optic's --json is an object of operations, not a list of changes: not counted
                found = "" if run.findings is None else str(run.findings)
                run.note = "" if tool == "optic" else run.note
                print(f"{pair:8} {size:6.1f}  {tool:6} {seconds} {peak} {run.exit!s:>4} "
                      f"{found} {run.note}")  # fmt: skip
    print(f"goal: a 10 MB pair under {GOAL_SECONDS:.0f} s with portal diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
