"""Speed of `portal lint` beside the Spectral and Redocly CLIs, in one run, on the same files.

    uv run --frozen python benchmarks/lint_speed.py [--quick] [--files GLOB]... [--big-runs N]
        [--json OUT]

Each tool runs as a subprocess from the command line, as CI runs it: `portal lint --format json
-r <ruleset>` (the console script), `spectral lint -r <ruleset> --format json` and `redocly lint
--format json` (Redocly's own recommended rules), where <ruleset> is one file holding
`extends: ["spectral:oas"]`. Measured: wall time and peak RSS of the process (os.wait4), with
a time-out per run (600 s by default); with several runs per file, the tools take turns, and each
tool's best run is kept. Every timed run follows an untimed run of the same tool on the tiny
file and a read of the document, so that no tool waits on the disk for its own files or the
document where another one did not. Files: a tiny one and every corpus document over 1 MB
(`--quick`: the tiny one and the five largest). The peers are installed with npm into
var/peers/ (ignored by git) the first time; nothing else needs them.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import fnmatch
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PORTAL_CORPUS", ROOT.parent / "shared" / "corpus"))
PEERS = ROOT / "var" / "peers"
PACKAGES = ("@stoplight/spectral-cli", "@redocly/cli")
TINY = "oai/v3.0_petstore.json"
BIG = 1_000_000
TOOLS = ("portal", "spectral", "redocly")


@dataclass
class Run:
    tool: str
    file: str
    seconds: float | None  # None: timed out or failed
    peak_mb: float | None
    exit: int | None
    findings: int | None
    note: str = ""


def install_peers() -> None:
    if all((PEERS / "node_modules" / ".bin" / name).exists() for name in ("spectral", "redocly")):
        return
    if shutil.which("npm") is None:
        sys.exit("npm is needed to install the Spectral and Redocly CLIs (apt-get install npm)")
    print(f"installing {' and '.join(PACKAGES)} into {PEERS.relative_to(ROOT)}/ (first use)...")
    PEERS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--prefix", str(PEERS), *PACKAGES], check=True)


def commands(ruleset: Path) -> dict[str, list[str]]:
    bins = PEERS / "node_modules" / ".bin"
    portal = Path(sys.executable).parent / "portal"
    return {
        "portal": [str(portal), "lint", "--format", "json", "-r", str(ruleset)],
        "spectral": [str(bins / "spectral"), "lint", "-r", str(ruleset), "--format", "json"],
        "redocly": [str(bins / "redocly"), "lint", "--format", "json"],
    }


def measure(tool: str, argv: list[str], path: Path, timeout: float) -> Run:
    """Run one command to completion (or its time-out) and read its rusage from wait4."""
    env = dict(
        os.environ,
        REDOCLY_TELEMETRY="off",
        REDOCLY_SUPPRESS_UPDATE_NOTICE="true",
        NO_UPDATE_NOTIFIER="1",
        NODE_OPTIONS="--max-old-space-size=8192",
    )
    # An installed CLI runs from compiled bytecode (pip and uv write it at install time): a
    # development shell that forbids writing it would time Python's compiler, not the linter.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryDirectory() as cwd:
        start = time.perf_counter()
        process = subprocess.Popen(
            [*argv, str(path)],
            stdout=out,
            stderr=subprocess.DEVNULL,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        expired = threading.Event()

        def kill() -> None:
            expired.set()
            with contextlib.suppress(ProcessLookupError):  # it may have ended meanwhile
                os.killpg(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        if expired.is_set():
            return Run(tool, "", None, None, None, None, f"timeout {timeout:.0f} s")
        out.seek(0)
        findings = count_findings(out.read())
    note = "" if findings is not None else "no JSON output"
    return Run(
        tool,
        "",
        round(seconds, 3),
        round(usage.ru_maxrss / 1024, 1),
        process.returncode,
        findings,
        note,
    )


def count_findings(output: bytes) -> int | None:
    """Findings in a tool's JSON output (Redocly's is {"problems": [...]}), None if unreadable."""
    for start in (0, output.find(b"["), output.find(b"{")):
        try:
            data = json.loads(output[start:]) if start >= 0 else None
        except ValueError:
            continue
        if isinstance(data, dict):
            data = data.get("problems")
        if isinstance(data, list):
            return len(data)
    return None


def choose(options: argparse.Namespace) -> list[dict[str, str]]:
    with (options.corpus / "MANIFEST.tsv").open(newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    by_size = sorted(rows, key=lambda r: -int(r["bytes"]))
    if options.files:
        chosen = [r for r in by_size if any(fnmatch.fnmatch(r["file"], g) for g in options.files)]
    elif options.quick:
        chosen = by_size[:5]
    else:
        chosen = [r for r in by_size if int(r["bytes"]) > BIG]
    tiny = [r for r in rows if r["file"] == TINY]
    return tiny + [r for r in chosen if r["file"] != TINY]


def limit(run: Run) -> float | None:
    """A run's time, or its time-out as a lower bound; None when it did not run."""
    if run.seconds is not None:
        return run.seconds
    return float(run.note.split()[1]) if run.note.startswith("timeout") else None


def ratio(peer: Run, ours: Run) -> str:
    other = limit(peer)
    if ours.seconds is None or other is None:
        return "-"
    return f"{'>' if peer.seconds is None else ''}{other / ours.seconds:.1f}x"


def show(run: Run, value: float | None, unit: str) -> str:
    if value is None:
        return "not run" if run.note == "not run" else "timeout" if run.note else "-"
    return f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f}"


def print_row(name: str, size: int, runs: dict[str, Run]) -> None:
    ours, spectral, redocly = runs["portal"], runs["spectral"], runs["redocly"]
    memory = (
        f"{100 * ours.peak_mb / spectral.peak_mb:.0f}%"
        if ours.peak_mb and spectral.peak_mb
        else "-"
    )
    cells = " | ".join(
        f"{show(run, run.seconds, 's'):>8} {show(run, run.peak_mb, ''):>5}"
        for run in (ours, spectral, redocly)
    )
    print(
        f"{name:<42} {size / 1e6:>6.2f} | {cells}"
        f" | {ratio(spectral, ours):>7} {ratio(redocly, ours):>6} {memory:>6}"
        f" | {ours.findings!s:>5} {spectral.findings!s:>5} {redocly.findings!s:>5}"
        f" | {os.getloadavg()[0]:.1f}",
        flush=True,
    )


HEADER = (
    f"{'file':<42} {'MB':>6} | {'portal':>8} {'MB':>5} | {'spectral':>8} {'MB':>5} | "
    f"{'redocly':>8} {'MB':>5} | {'vs spec':>7} {'vs red':>6} {'mem':>6} | "
    f"{'n ours':>5} {'n spe':>5} {'n red':>5} | load"
)


def goals(table: list[tuple[dict, dict[str, Run]]], *, subset: bool) -> None:
    """Each goal of the issue over the files run: met or not, on how many of them. A goal whose
    peer tool was not run is not judged; with --files, "the largest five" are of those files."""
    big = [(r, runs) for r, runs in table if int(r["bytes"]) > BIG]
    top5 = sorted(big, key=lambda item: -int(item[0]["bytes"]))[:5]
    tiny = [runs for r, runs in table if r["file"] == TINY]

    def faster(runs: dict[str, Run], peer: str, factor: float) -> bool:
        ours, other = runs["portal"], runs[peer]
        if ours.seconds is None:
            return False
        bound = limit(other)
        return bound is not None and bound >= factor * ours.seconds

    def memory(runs: dict[str, Run]) -> bool:
        ours, spectral = runs["portal"], runs["spectral"]
        return spectral.peak_mb is None or (ours.peak_mb or 0) <= spectral.peak_mb / 2

    def ran(peer: str, rows: list[dict[str, Run]]) -> bool:
        return any(runs[peer].note != "not run" for runs in rows)

    largest = "the largest five of the files run" if subset else "the largest five"
    checks = [
        (
            "at least 10x faster than Spectral on every file > 1 MB",
            "spectral",
            [faster(runs, "spectral", 10) for _, runs in big],
            [runs for _, runs in big],
        ),
        (
            f"faster than Redocly on {largest}",
            "redocly",
            [faster(runs, "redocly", 1) for _, runs in top5],
            [runs for _, runs in top5],
        ),
        (
            "at most half of Spectral's peak memory",
            "spectral",
            [memory(runs) for _, runs in table],
            [runs for _, runs in table],
        ),
        (
            "under 0.5 s for a small file",
            "portal",
            [runs["portal"].seconds is not None and runs["portal"].seconds < 0.5 for runs in tiny],
            tiny,
        ),
    ]
    print()
    for label, peer, results, rows in checks:
        if not rows or not ran(peer, rows):
            print(f"goal: {label}: not measured ({peer} not run on these files)")
            continue
        verdict = "met" if all(results) else "NOT met"
        print(f"goal: {label}: {verdict} (met on {sum(results)} of {len(results)} files)")


def _load() -> str:
    """The 1, 5 and 15 minute load averages: other work on the machine slows every tool."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="the tiny file and the 5 largest")
    parser.add_argument("--files", action="append", help="glob over MANIFEST's file column")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per run")
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated subset")
    parser.add_argument(
        "--small-runs", type=int, default=3, help="runs of files under 1 MB (the best one is kept)"
    )
    parser.add_argument(
        "--big-runs",
        type=int,
        default=1,
        help="runs of files over 1 MB (the best one is kept; 3 for a figure per file on a quiet "
        "machine, 1 for the whole corpus)",
    )
    parser.add_argument("--json", type=Path, help="write the measurements here")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    options = parser.parse_args()
    if not (options.corpus / "MANIFEST.tsv").is_file():
        sys.stderr.write(f"no corpus at {options.corpus} (set --corpus or PORTAL_CORPUS)\n")
        return 2
    install_peers()
    PEERS.mkdir(parents=True, exist_ok=True)
    ruleset = PEERS / "spectral-oas.yaml"
    ruleset.write_text('extends: ["spectral:oas"]\n', encoding="utf-8")
    argv = commands(ruleset)
    tools = [t for t in TOOLS if t in options.tools.split(",")]
    rows = choose(options)
    for tool in tools:  # an untimed run first: the tools' own files in the page cache
        measure(tool, argv[tool], options.corpus / "specs" / TINY, options.timeout)
    print(
        f"{len(rows)} files, tools {', '.join(tools)}, time-out {options.timeout:.0f} s, "
        f"{os.cpu_count()} CPUs, load average {_load()}; time in seconds, peak RSS in MB"
    )
    print(HEADER)
    table, started = [], time.perf_counter()
    for row in rows:
        path = options.corpus / "specs" / row["file"]
        repeat = options.small_runs if int(row["bytes"]) < BIG else options.big_runs
        # Round by round, each tool once per round: the machine's slow minutes then fall on
        # every tool's tries alike, rather than on all of one tool's tries run back to back.
        tries: dict[str, list[Run]] = {tool: [] for tool in tools}
        for _ in range(repeat):
            for tool in tools:
                # Each timed run starts as warm as the others: its tool's own files and the
                # document in the page cache (this machine drops them within a minute or so
                # of not being read, and a short run then waits on the disk for most of its
                # time: Mailchimp's 0.46 s became 1.08 s with the cache dropped).
                path.read_bytes()
                measure(tool, argv[tool], options.corpus / "specs" / TINY, options.timeout)
                tries[tool].append(measure(tool, argv[tool], path, options.timeout))
        runs = {}
        for tool in TOOLS:
            if tool not in tools:
                runs[tool] = Run(tool, row["file"], None, None, None, None, "not run")
                continue
            best = min(
                tries[tool], key=lambda r: r.seconds if r.seconds is not None else float("inf")
            )
            best.file = row["file"]
            runs[tool] = best
        table.append((row, runs))
        print_row(row["file"], int(row["bytes"]), runs)
        for run in runs.values():
            if run.note and run.note != "not run":
                print(f"    {run.tool}: {run.note} (exit {run.exit})", flush=True)
    goals(table, subset=bool(options.files))
    print(f"total time {time.perf_counter() - started:.0f} s, load average {_load()} at the end")
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        records = [
            asdict(run) | {"bytes": int(r["bytes"])} for r, runs in table for run in runs.values()
        ]
        options.json.write_text(json.dumps(records, indent=1))
        print(f"wrote {options.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
