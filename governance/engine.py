"""The one place that talks to the lint engine (speclib.lint, plain Python).

Loaded rulesets are cached per process by the sha256 of their text: loading
`spectral:oas` compiles JSON schemas and paths, and a worker lints many specs with
the same few rulesets.
"""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

import speclib.lint as speclint

DEFAULT_BUILTIN = "portal:recommended"
BUILTINS = ("portal:recommended", "spectral:oas")


@functools.cache
def engine_version() -> str:
    """A fingerprint of the engine's code and built-in rulesets.

    Part of a lint run's identity: an upgraded engine may find other things in the
    same bytes, so its results are new runs, not the old ones reused.
    """
    root = Path(speclint.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def ruleset_load(source: str, *, name: str = "ruleset") -> "speclint.Ruleset":
    """Loads and checks ruleset text; raises speclib.lint.RulesetError with the reason."""
    return speclint.load_ruleset(source, name=name)


@functools.lru_cache(maxsize=16)
def _cached_ruleset(sha256: str, source: str, name: str) -> "speclint.Ruleset":
    return ruleset_load(source, name=name)


def ruleset_of(*, revision=None, builtin: str = "") -> "speclint.Ruleset":
    """The engine's ruleset for a stored revision, or a built-in one by name."""
    if revision is not None:
        return _cached_ruleset(revision.sha256, revision.source, revision.ruleset.slug)
    return speclint.builtin_ruleset(builtin or DEFAULT_BUILTIN)


def lint_bytes(content: bytes, ruleset, *, source: str) -> "speclint.LintReport":
    """Lints a document; bad documents come back as `parser` findings, never raised."""
    return speclint.lint(
        content, ruleset, source=source or "document", max_bytes=settings.PORTAL_SPEC_MAX_BYTES
    )


def parser_failure(report) -> str | None:
    """The reason a document could not be linted at all (unreadable), or None."""
    for finding in report.findings:
        if finding.code == "parser" and finding.severity == speclint.Severity.ERROR:
            return f"{finding.message} (line {finding.range.start.line + 1})"
    return None


def score(*, errors: int, warnings: int, infos: int, hints: int = 0) -> int:
    """The quality score of a linted document, 0 to 100.

    100, minus 10 per error, 3 per warning and 1 per information finding; hints are
    free; never below 0. A failed run has no score.
    """
    return max(0, 100 - 10 * errors - 3 * warnings - infos)
