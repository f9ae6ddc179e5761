"""Fidelity of the lint engine with Spectral on the shared corpus.

    uv run --frozen python benchmarks/lint_fidelity.py [--files GLOB] [--json OUT] [--jobs 2]

Lints every corpus document (../shared/corpus, see its README) with `spectral:oas` in-process
and compares, per document, the set of (source, code, path) of our findings with the Spectral
CLI's recorded output (spectral/<source>__<file>.json), and how many of Spectral's findings we
also report with the same message. For a single-file document the source
is the document itself, so this is the README's (code, path); for the multi-file DigitalOcean
spec it also tells apart the referenced files. Prints recall (Spectral's findings we also
report) and extras (ours Spectral does not report) overall and per rule code, the worst files
and the total time. Each document is linted in a fresh worker process (2 by default), so the
20 MB documents do not keep the parent's memory.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import multiprocessing
import os
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("PORTAL_CORPUS", ROOT.parent / "shared" / "corpus"))
EXAMPLES_PER_CODE = 5  # kept per file and rule in the JSON report
GOAL_RECALL, GOAL_EXTRAS = 99.0, 1.0

Key = tuple[str, str, tuple[str, ...]]  # (source, code, path)


def manifest(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "MANIFEST.tsv").open(newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def spectral_findings(corpus: Path, name: str) -> tuple[set[Key], Counter]:
    """Spectral's findings' keys, and each finding with its message."""
    recorded = corpus / "spectral" / (name.replace("/", "__") + ".json")
    found = json.loads(recorded.read_text(encoding="utf-8"))
    keys = [(f.get("source", ""), f["code"], tuple(str(p) for p in f["path"])) for f in found]
    return set(keys), Counter(zip(keys, (f["message"] for f in found), strict=True))


def our_findings(corpus: Path, name: str) -> tuple[set[Key], Counter, list[str], float]:
    """Our findings' keys, each with its message, the rule functions that raised, and the lint's
    wall time."""
    from speclib.lint import builtin_ruleset, lint

    path = corpus / "specs" / name
    ruleset = builtin_ruleset("spectral:oas")
    start = time.perf_counter()
    report = lint(path.read_bytes(), ruleset, source=f"specs/{name}", base_dir=path.parent)
    seconds = time.perf_counter() - start
    keys = [(f.source or "", f.code, tuple(str(p) for p in f.path)) for f in report.findings]
    messages = Counter(zip(keys, (f.message for f in report.findings), strict=True))
    return set(keys), messages, report.failures, seconds


def compare_file(job: tuple[str, str]) -> dict:
    """Worker: lint one document and compare it with Spectral's findings."""
    corpus, name = Path(job[0]), job[1]
    theirs, their_messages = spectral_findings(corpus, name)
    try:
        ours, our_messages, failures, seconds = our_findings(corpus, name)
    except Exception as exc:  # noqa: BLE001 - an engine crash is a result to report
        ours, our_messages, failures, seconds = set(), Counter(), [f"lint() raised {exc!r}"], 0.0
    missed, extra = theirs - ours, ours - theirs
    codes: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, dict[str, list]] = defaultdict(lambda: {"missed": [], "extra": []})
    for kind, keys in (("spectral", theirs), ("ours", ours), ("matched", theirs & ours)):
        for _, code, _ in keys:
            codes[code][kind] += 1
    for kind, keys in (("missed", missed), ("extra", extra)):
        for source, code, path in sorted(keys):
            codes[code][kind] += 1
            if len(examples[code][kind]) < EXAMPLES_PER_CODE:
                examples[code][kind].append([source, list(path)])
    return {
        "file": name,
        "spectral": len(theirs),
        "ours": len(ours),
        "matched": len(theirs & ours),
        "messages": sum(their_messages.values()),
        "same_messages": sum((their_messages & our_messages).values()),
        "missed": len(missed),
        "extra": len(extra),
        "seconds": round(seconds, 3),
        "failures": failures[:20],
        "codes": {code: dict(counts) for code, counts in codes.items()},
        "examples": dict(examples),
    }


def run(corpus: Path, names: list[str], jobs: int) -> list[dict]:
    work = [(str(corpus), name) for name in names]
    if jobs <= 1:
        return [progress(compare_file(job), n, len(work)) for n, job in enumerate(work, 1)]
    # One task per process: the memory of a 20 MB document goes back when its worker ends.
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, maxtasksperchild=1) as pool:
        done = pool.imap_unordered(compare_file, work)
        return [progress(result, n, len(work)) for n, result in enumerate(done, 1)]


def progress(result: dict, number: int, count: int) -> dict:
    sys.stderr.write(f"[{number}/{count}] {result['file']} {result['seconds']:.2f} s\n")
    return result


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:6.2f}%" if whole else "     -"


def totals(results: list[dict]) -> dict[str, Counter]:
    by_code: dict[str, Counter] = defaultdict(Counter)
    for result in results:
        for code, counts in result["codes"].items():
            by_code[code].update(counts)
    return by_code


def print_report(results: list[dict], wall: float, worst: int) -> dict:
    spectral = sum(r["spectral"] for r in results)
    ours = sum(r["ours"] for r in results)
    matched = sum(r["matched"] for r in results)
    extra = sum(r["extra"] for r in results)
    recall = 100.0 * matched / spectral if spectral else 100.0
    extras = 100.0 * extra / ours if ours else 0.0
    print(f"documents {len(results)}: Spectral {spectral} findings, ours {ours}")
    print(f"recall  {percent(matched, spectral)}  ({matched} of Spectral's {spectral})")
    print(f"extras  {percent(extra, ours)}  ({extra} of our {ours} not reported by Spectral)")
    messages = sum(r["messages"] for r in results)
    same = sum(r["same_messages"] for r in results)
    print(
        f"messages {percent(same, messages)}  ({same} of Spectral's {messages} findings, "
        "duplicates included, also ours with the same code, path and message)"
    )
    print(
        f"goal    recall >= {GOAL_RECALL}%: {'met' if recall >= GOAL_RECALL else 'NOT met'}; "
        f"extras <= {GOAL_EXTRAS}%: {'met' if extras <= GOAL_EXTRAS else 'NOT met'}"
    )
    by_code = totals(results)
    print(
        f"\n{'rule code':<38} {'spectral':>8} {'ours':>7} {'recall':>8} {'missed':>7} "
        f"{'extras':>7} {'extra%':>8}"
    )
    for code, c in sorted(by_code.items(), key=lambda item: (-item[1]["spectral"], item[0])):
        print(
            f"{code:<38} {c['spectral']:>8} {c['ours']:>7}"
            f" {percent(c['matched'], c['spectral']):>8}"
            f" {c['missed']:>7} {c['extra']:>7} {percent(c['extra'], c['ours']):>8}"
        )
    print(f"\nworst files (missed + extras), first {worst}:")
    ranked = sorted(results, key=lambda r: -(r["missed"] + r["extra"]))
    for r in [r for r in ranked if r["missed"] + r["extra"]][:worst]:
        print(
            f"  {r['file']:<58} missed {r['missed']:>5}  extras {r['extra']:>5}  "
            f"(Spectral {r['spectral']}, ours {r['ours']})"
        )
    failed = [r for r in results if r["failures"]]
    for r in failed:
        print(f"  rule failures in {r['file']}: {'; '.join(r['failures'][:3])}")
    slowest = max(results, key=lambda r: r["seconds"])
    peak = max(
        resource.getrusage(who).ru_maxrss / 1024
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(
        f"\nlint time: {sum(r['seconds'] for r in results):.1f} s summed over documents, "
        f"slowest {slowest['file']} {slowest['seconds']:.2f} s; peak RSS of a process {peak:.0f} MB"
    )
    print(f"total time {wall:.1f} s")
    return {
        "documents": len(results),
        "spectral": spectral,
        "ours": ours,
        "matched": matched,
        "extra": extra,
        "recall_percent": round(recall, 3),
        "extras_percent": round(extras, 3),
        "seconds": round(wall, 1),
        "codes": {k: dict(v) for k, v in by_code.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", action="append", help="glob over MANIFEST's file column")
    parser.add_argument("--json", type=Path, help="write per-file results and examples here")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--worst", type=int, default=15, help="worst files to list")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    options = parser.parse_args()
    if not (options.corpus / "MANIFEST.tsv").is_file():
        sys.stderr.write(f"no corpus at {options.corpus} (set --corpus or PORTAL_CORPUS)\n")
        return 2
    rows = manifest(options.corpus)
    if options.files:
        rows = [r for r in rows if any(fnmatch.fnmatch(r["file"], g) for g in options.files)]
    if not rows:
        sys.stderr.write("no corpus document matches --files\n")
        return 2
    # Largest first, so the two workers finish together.
    names = [r["file"] for r in sorted(rows, key=lambda r: -int(r["bytes"]))]
    start = time.perf_counter()
    results = sorted(run(options.corpus, names, options.jobs), key=lambda r: r["file"])
    summary = print_report(results, time.perf_counter() - start, options.worst)
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps({"summary": summary, "files": results}, indent=1))
        print(f"wrote {options.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
