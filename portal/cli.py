"""The ``portal`` console script. ``portal lint`` runs the lint engine without Django, so a CI
pipeline can lint a spec before pushing it; ``portal diff`` compares two versions of a spec
(the breaking-change differ, no Django either); other subcommands may load Django lazily.

Exit codes (as Spectral's): 0 no finding at or above ``--fail-severity`` (``--fail-on`` for
diff), 1 some, 2 the ruleset or a file could not be read (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import gc
import glob
import os
import re
import sys
from pathlib import Path

__all__ = ["main"]

# As Spectral looks for them; a JavaScript one is found so that it is refused by name rather
# than silently passed over for spectral:oas.
_DEFAULT_RULESET_FILES = (
    ".spectral.yaml",
    ".spectral.yml",
    ".spectral.json",
    ".spectral.js",
    ".spectral.mjs",
)
_SEVERITIES = {"error": 0, "warn": 1, "info": 2, "hint": 3}
# Spectral's names for the same formats, so that a CI step moves over unchanged.
_FORMAT_ALIASES = {"stylish": "text", "github-actions": "github"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal", description="API governance portal tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    lint = commands.add_parser("lint", help="lint OpenAPI documents with a Spectral ruleset")
    lint.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="OpenAPI documents (YAML or JSON), or glob patterns such as 'specs/**/*.{yaml,json}'"
        "; - reads stdin",
    )
    lint.add_argument(
        "--ruleset",
        "-r",
        help="ruleset file, or a built-in name (spectral:oas, portal:recommended); default: "
        ".spectral.yaml/.yml/.json in the current folder, else spectral:oas",
    )
    lint.add_argument(
        "--format",
        "-f",
        choices=("text", "json", "sarif", "junit", "github", *_FORMAT_ALIASES),
        default="text",
        help="output format (json is Spectral's; stylish and github-actions, Spectral's names, "
        "are text and github)",
    )
    lint.add_argument(
        "--fail-severity",
        "-F",
        choices=tuple(_SEVERITIES),
        default="error",
        help="exit 1 when a finding of this severity or worse exists (default: error)",
    )
    lint.add_argument(
        "--display-only-failures",
        "-D",
        action="store_true",
        help="report only the findings at or above --fail-severity",
    )
    lint.add_argument(
        "--show-documentation-url",
        action="store_true",
        help="add each rule's documentation link to the text and json formats",
    )
    lint.add_argument(
        "--ignore-unknown-format",
        action="store_true",
        help="no warning for a document that none of the ruleset's formats recognise",
    )
    lint.add_argument(
        "--fail-on-unmatched-globs",
        action="store_true",
        help="exit 2 when a glob pattern matches no file (default: skip it)",
    )
    lint.add_argument("--output", "-o", help="write the report to this file instead of stdout")
    _diff_parser(commands)
    return parser


def _diff_parser(commands) -> None:
    diff = commands.add_parser("diff", help="list the changes between two versions of a spec")
    diff.add_argument(
        "base", metavar="BASE", help="the released version (YAML or JSON); - reads stdin"
    )
    diff.add_argument("revision", metavar="REVISION", help="the new version; - reads stdin")
    diff.add_argument(
        "--format", "-f", choices=("text", "json", "markdown"), default="text", help="output"
    )
    diff.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="exit 1 when a change of this level or worse is not accepted (default: error)",
    )
    diff.add_argument("--output", "-o", help="write the report to this file instead of stdout")


class _Refused(Exception):
    """A ruleset or file the command cannot use: printed as one line, exit code 2."""


_STDIN = "-"
_GLOB_MAGIC = re.compile(r"[*?[{]")
_BRACES = re.compile(r"\{([^{}]*)\}")


def _documents(names: list[str], *, fail_on_unmatched: bool) -> list[str]:
    """The files to lint: names as given, glob patterns (``**``, ``{a,b}``) expanded as
    Spectral expands them, each file once. A name that is an existing file is never a
    pattern."""
    found: dict[str, None] = {}
    for name in names:
        if name == _STDIN or not _GLOB_MAGIC.search(name) or Path(name).is_file():
            found.setdefault(name, None)
            continue
        matches = sorted(
            {
                match
                for pattern in _expand_braces(name)
                for match in glob.glob(pattern, recursive=True)  # noqa: PTH207 - absolute or relative
                if Path(match).is_file()
            }
        )
        if not matches and fail_on_unmatched:
            raise _Refused(f"no file matches {name}")
        found.update(dict.fromkeys(matches))
    if not found:
        raise _Refused("no files found to lint: check the paths and patterns")
    return list(found)


def _expand_braces(pattern: str) -> list[str]:
    """``a.{yaml,json}`` -> ``a.yaml``, ``a.json``; innermost braces first, so they nest, and
    braces without a comma (``{petId}``) are characters of the name."""
    group = next((found for found in _BRACES.finditer(pattern) if "," in found.group(1)), None)
    if group is None:
        return [pattern]
    head, tail = pattern[: group.start()], pattern[group.end() :]
    return [
        expanded
        for choice in group.group(1).split(",")
        for expanded in _expand_braces(head + choice + tail)
    ]


def _read(name: str) -> tuple[bytes, str, Path]:
    """A document's bytes, the name its findings give as their source, and the folder its
    relative references resolve from (the current one for standard input)."""
    try:
        if name == _STDIN:
            return sys.stdin.buffer.read(), "<stdin>", Path.cwd()
        path = Path(name)
        return path.read_bytes(), name, path.resolve().parent
    except OSError as exc:
        raise _Refused(f"cannot read {name}: {exc.strerror or exc}") from None


def _ruleset(option: str | None):
    from speclib import lint as speclint

    if option is None:
        found = next((Path(n) for n in _DEFAULT_RULESET_FILES if Path(n).is_file()), None)
        if found is None:
            return speclint.builtin_ruleset("spectral:oas")
        option = str(found)
    if option in speclint.BUILTIN_RULESETS or option.endswith(":all"):
        return speclint.builtin_ruleset(option)
    path = Path(option)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise _Refused(f"cannot read the ruleset {option}: {exc.strerror or exc}") from None
    return speclint.load_ruleset(text, base_dir=path.resolve().parent, name=option)


def _lint(args: argparse.Namespace) -> int:
    from speclib import lint as speclint
    from speclib.lint.output import format_findings

    try:
        ruleset = _ruleset(args.ruleset)
    except speclint.RulesetError as exc:
        raise _Refused(f"invalid ruleset: {exc}") from None
    if args.files.count(_STDIN) > 1:
        raise _Refused("standard input (-) can be read only once")
    names = _documents(args.files, fail_on_unmatched=args.fail_on_unmatched_globs)
    threshold = _SEVERITIES[args.fail_severity]
    findings = []
    for index, name in enumerate(names):
        if index and not gc.isenabled():
            gc.collect()  # the reference cycles of the previous document's resolved view
        data, source, base_dir = _read(name)
        report = speclint.lint(
            data,
            ruleset,
            source=source,
            base_dir=base_dir,
            ignore_unknown_format=args.ignore_unknown_format,
        )
        findings.extend(report.findings)
    failing = any(int(finding.severity) <= threshold for finding in findings)
    if args.display_only_failures:
        findings = [finding for finding in findings if int(finding.severity) <= threshold]
    output_format = _FORMAT_ALIASES.get(args.format, args.format)
    output = format_findings(
        findings,
        output_format,
        fail_severity=args.fail_severity,
        documentation_urls=args.show_documentation_url,
    )
    if args.output:
        Path(args.output).write_text(output + "\n", encoding="utf-8")
    else:
        sys.stdout.write(output + "\n")
    return 1 if failing else 0


def _diff(args: argparse.Namespace) -> int:
    from speclib import SpecError
    from speclib.diff import Level, compare, render_json, render_markdown, render_text

    if args.base == args.revision == _STDIN:
        raise _Refused("standard input (-) can be read only once")
    documents = [_read(name)[0] for name in (args.base, args.revision)]
    try:
        result = compare(*documents, base_name=args.base, revision_name=args.revision)
    except SpecError as exc:
        raise _Refused(f"cannot compare: {exc.message}") from None
    render = {"text": render_text, "json": render_json, "markdown": render_markdown}
    output = render[args.format](result)
    if args.output:
        Path(args.output).write_text(output + "\n", encoding="utf-8")
    else:
        sys.stdout.write(output + "\n")
    threshold = Level.ERROR if args.fail_on == "error" else Level.WARNING
    return 1 if (result.worst or 0) >= threshold else 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "lint":
            return _lint(args)
        if args.command == "diff":
            return _diff(args)
    except _Refused as exc:
        sys.stderr.write(f"portal {args.command}: {exc}\n")
        return 2
    return 2  # pragma: no cover - argparse requires a known command


def run() -> None:
    """The console script: ``main`` with the cycle collector off, then an exit that skips the
    interpreter's teardown. A lint of a multi-megabyte document builds millions of objects
    that live until the process ends: collections over them (the lint pauses the collector,
    the imports and the report do not) cost up to 0.2 s on Graph's spec, and freeing them one
    by one at exit 0.03 to 0.1 s. Nothing is left to clean up: the report is written and
    flushed before, and ``_lint`` collects between documents."""
    gc.disable()
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (`portal lint ... | head`): no traceback
        code = 1
    os._exit(code)


if __name__ == "__main__":
    run()
