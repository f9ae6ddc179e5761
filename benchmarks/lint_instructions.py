"""Instructions that `portal lint` executes, counted by valgrind's callgrind, beside another
revision of the engine: a measure that does not move with the machine's load.

    uv run --frozen python benchmarks/lint_instructions.py [--rev REV] [--cli] [FILE...]

Wall times on a shared 2-CPU machine vary from run to run by half or more (the same command,
0.93 to 1.62 s), so a change of a few percent is invisible in them; callgrind counts the same
instructions for the same program and input every time (with PYTHONHASHSEED fixed). Each file
is linted with `spectral:oas` in a fresh interpreter: by default `lint()` alone (the count of a
program that imports the engine, builds the ruleset and lints, minus the same program's without
the lint), with `--cli` the whole console script, start-up included, with a ruleset file that
extends `spectral:oas` as `lint_speed.py` gives it. With `--rev`, the same is
measured with that revision's `speclib` (a temporary git worktree on PYTHONPATH, with its C
modules built as its install builds them) and the change printed. Counts are of instructions,
not seconds: a cache miss costs more than an addition, so they show what the Python code does,
not everything the machine does. Needs valgrind
(`apt-get install valgrind`). Files default to the tiny Petstore and five over 1 MB.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PORTAL_CORPUS", ROOT.parent / "shared" / "corpus")) / "specs"
DEFAULT_FILES = (
    "oai/v3.0_petstore.json",
    "twilio/twilio_api_v2010.json",
    "twilio/twilio_api_v2010.yaml",
    "apisguru/zoom.us.json",
    "asana/asana_oas.yaml",
    "sendgrid/oai.json",
)
# lint() alone is this program's count minus the same program's without the lint (argv[2]).
IN_PROCESS = """
import sys
from pathlib import Path
import speclib.lint as sl
ruleset = sl.builtin_ruleset("spectral:oas")
path = Path(sys.argv[1])
data = path.read_bytes()
if sys.argv[2] == "lint":
    sl.lint(data, ruleset, source=str(path), base_dir=path.parent)
"""
_COLLECTED = re.compile(r"Collected : (\d+)")


def count(argv: list[str], pythonpath: Path | None, cwd: Path) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")  # the same dict layouts, run after run
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *argv],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )
    found = _COLLECTED.search(result.stderr)
    if result.returncode not in (0, 1):  # 1: findings; anything else measured a failure
        sys.exit(f"{' '.join(argv[-2:])} exited with {result.returncode}:\n{result.stderr[-2000:]}")
    if found is None:
        sys.exit(f"callgrind printed no count for {' '.join(argv)}:\n{result.stderr[-2000:]}")
    return int(found.group(1))


def measure(file: Path, tree: Path, pythonpath: Path | None, ruleset: Path | None) -> int:
    """Instructions of one lint of ``file``: with a ``ruleset`` file, of the console script."""
    if ruleset is not None:
        argv = ["-c", "from portal.cli import run; run()", "lint", "-r", str(ruleset)]
        return count([sys.executable, *argv, "--format", "json", str(file)], pythonpath, tree)
    program = [sys.executable, "-c", IN_PROCESS, str(file)]
    return count([*program, "lint"], pythonpath, tree) - count([*program, "-"], pythonpath, tree)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help=f"corpus files (default: {len(DEFAULT_FILES)})")
    parser.add_argument("--rev", help="also measure this git revision's engine, and compare")
    parser.add_argument("--cli", action="store_true", help="the whole console script")
    options = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is needed: apt-get install valgrind")
    files = [CORPUS / name for name in (options.files or DEFAULT_FILES)]
    missing = [str(file) for file in files if not file.is_file()]
    if missing:
        sys.exit(f"no such file: {', '.join(missing)} (PORTAL_CORPUS names the corpus folder)")
    with tempfile.TemporaryDirectory() as scratch:
        other = None
        if options.rev:
            other = Path(scratch) / "rev"
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other),
                 options.rev],
                check=True,
            )  # fmt: skip
            # That revision's compiled modules, as its install builds them (none before they
            # existed): without them its engine would run its slower Python fallbacks.
            hook = other / "hatch_build.py"
            if hook.is_file() and "build_in_place" in hook.read_text(encoding="utf-8"):
                subprocess.run([sys.executable, str(hook)], cwd=other, check=True)
        try:
            for tree in (ROOT, other):  # as installed: from bytecode, not compiling as it goes
                if tree is not None:
                    subprocess.run(
                        [sys.executable, "-m", "compileall", "-q", "-j", "0",
                         str(tree / "speclib"), str(tree / "portal")],
                        check=True,
                    )  # fmt: skip
            what = "the console script" if options.cli else "lint() after start-up"
            print(f"instructions (millions) of {what}, spectral:oas")
            header = f"{'file':<36} {'this checkout':>14}"
            if other is not None:
                header += f" {options.rev[:12]:>14} {'change':>8}"
            print(header)
            # As lint_speed.py runs it: a ruleset file that extends spectral:oas (reading it
            # is part of every run).
            ruleset = None
            if options.cli:
                ruleset = Path(scratch) / "spectral-oas.yaml"
                ruleset.write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
            for file in files:
                ours = measure(file, ROOT, None, ruleset)
                line = f"{file.relative_to(CORPUS)!s:<36} {ours / 1e6:>14,.0f}"
                if other is not None:
                    theirs = measure(file, other, other, ruleset)
                    line += f" {theirs / 1e6:>14,.0f} {100 * (ours - theirs) / theirs:>+7.1f}%"
                print(line, flush=True)
        finally:
            if other is not None:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)],
                    check=False,
                )


if __name__ == "__main__":
    main()
