"""Times the lint engine's stages on one document: load, resolved view, the two walks of all
spectral:oas `given` paths (one automaton), and the source ranges of the matched paths.

    uv run --frozen python benchmarks/lint_walk.py ../shared/corpus/specs/github/api.github.com.json
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from speclib import load_document
from speclib.lint import RulesetError, builtin_ruleset
from speclib.lint.document import Document, Inventory
from speclib.lint.formats import detect_formats
from speclib.lint.jsonpath import Automaton, parse_path
from speclib.lint.positions import json_ranges, yaml_ranges


def _given(formats: frozenset[str]) -> tuple[list[str], list[str]]:
    """(raw, resolved) paths of every spectral:oas rule for the document's formats."""
    try:
        rules = builtin_ruleset("spectral:oas:all").rules.values()
    except RulesetError as exc:
        sys.exit(f"spectral:oas is not available: {exc}")
    chosen = [rule for rule in rules if rule.matches_format(formats)]
    raw = [p for rule in chosen if not rule.resolved for p in rule.given_for(formats)]
    resolved = [p for rule in chosen if rule.resolved for p in rule.given_for(formats)]
    return list(dict.fromkeys(raw)), list(dict.fromkeys(resolved))


def _timed(label: str, action):
    start = time.perf_counter()
    result = action()
    print(f"{label:<16} {time.perf_counter() - start:7.3f} s")
    return result


def main(path: str) -> None:
    text = Path(path).read_bytes()
    loaded = _timed("load", lambda: load_document(text, positions=True))  # as lint() loads
    inventory = Inventory(Document(path, text, loaded.data, loaded.syntax, loaded.tape))
    resolved = _timed("resolved view", lambda: inventory.resolved)
    raw_paths, resolved_paths = _given(detect_formats(loaded.data))
    print(f"given paths      {len(raw_paths)} raw, {len(resolved_paths)} resolved")
    raw = Automaton([parse_path(p) for p in raw_paths])
    found = _timed("walk raw", lambda: raw.run(loaded.data))
    full = Automaton([parse_path(p) for p in resolved_paths])
    _timed("walk resolved", lambda: full.run(resolved, dedupe=True))
    matched = list(dict.fromkeys(match[0] for matches in found for match in matches))[:10_000]
    if loaded.syntax == "json":
        ranges = json_ranges
    else:
        ranges = lambda t, p: yaml_ranges(t, p, loaded.tape)[0]  # noqa: E731
    _timed(f"ranges ({len(matched)})", lambda: ranges(text, matched))


if __name__ == "__main__":
    main(sys.argv[1])
