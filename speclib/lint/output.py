"""Printing findings: Spectral's JSON and stylish text, GitHub workflow commands, SARIF 2.1.0
and JUnit XML. Lines and columns are 1-based everywhere but in the JSON (Spectral's 0-based)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import orjson

from .message import print_path
from .types import Finding, Severity

__all__ = ["FORMATTERS", "format_findings"]

_STYLISH_NAMES = {0: "error", 1: "warning", 2: "information", 3: "hint"}
_GITHUB_NAMES = {0: "error", 1: "warning", 2: "notice", 3: "notice"}
_SARIF_LEVELS = {0: "error", 1: "warning", 2: "note", 3: "note"}


def _json(findings: Sequence[Finding], *, urls: bool = False, **_: Any) -> str:
    """Spectral's JSON, indented by 2 (Spectral's CLI indents by a tab: the same JSON to any
    reader), with each finding's ``documentationUrl`` when ``urls``, as Spectral's
    ``--show-documentation-url`` adds it. orjson writes the same text as
    ``json.dumps(indent=2, ensure_ascii=False)`` (compared on every corpus document's
    findings) eight times faster: 0.15 s on Graph's 9,957 findings."""
    items = [finding.to_spectral() for finding in findings]
    if urls:
        for item, finding in zip(items, findings, strict=True):
            if finding.documentation_url:
                item["documentationUrl"] = finding.documentation_url
    try:
        return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode()
    except (TypeError, orjson.JSONEncodeError):  # text orjson refuses (a lone surrogate)
        return json.dumps(items, indent=2, ensure_ascii=False)


def _text(findings: Sequence[Finding], *, fail_severity: str = "error", urls: bool = False) -> str:
    """Spectral's stylish output, without colours (as it prints to a pipe): per source, a table
    of position, severity, code, message, path and, with ``urls``, the rule's documentation,
    its columns padded as Spectral's (text-table's) are, then the summary."""
    if not findings:  # Spectral's words
        if fail_severity == "error":
            return "No results with a severity of 'error' found!"
        return f"No results with a severity of '{fail_severity}' or higher found!"
    lines: list[str] = [""]
    by_source: dict[str, list[Finding]] = {}
    for finding in findings:
        by_source.setdefault(finding.source or "document", []).append(finding)
    for source, items in by_source.items():
        lines.append(source)
        rows = [
            [
                f" {finding.range.start.line + 1}:{finding.range.start.character + 1}",
                _STYLISH_NAMES[int(finding.severity)],
                finding.code,
                finding.message,
                print_path(finding.path, "dot"),
                (finding.documentation_url or "") if urls else "",
            ]
            for finding in items
        ]
        lines.extend(_table(rows, ("c", "r", "l")))
        lines.append("")
    counts = Counter(int(finding.severity) for finding in findings)
    parts = [_plural(counts[level], word) for level, word in enumerate(_WORDS)]
    lines.append(f"✖ {_plural(len(findings), 'problem')} ({', '.join(parts)})")
    return "\n".join(lines)


def _table(rows: list[list[str]], align: tuple[str, ...]) -> list[str]:
    """Columns padded to their widest cell and joined by two spaces, centred (``c``), to the
    right (``r``) or to the left, trailing blanks dropped: the text-table package's layout,
    with widths in UTF-16 units as JavaScript counts them."""
    widths = [max(_width(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = []
        for column, cell in enumerate(row):
            pad = widths[column] - _width(cell)
            side = align[column] if column < len(align) else "l"
            if side == "r":
                cells.append(" " * pad + cell)
            elif side == "c":
                cells.append(" " * -(-pad // 2) + cell + " " * (pad // 2))
            else:
                cells.append(cell + " " * pad)
        lines.append("  ".join(cells).rstrip())
    return lines


def _width(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-16-le")) // 2


_WORDS = ("error", "warning", "info", "hint")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(findings: Sequence[Finding], **_: Any) -> str:
    lines = []
    for finding in findings:
        start, end = finding.range.start, finding.range.end
        properties = ",".join(
            [
                f"file={_escape_property(finding.source or 'document')}",
                f"line={start.line + 1}",
                f"col={start.character + 1}",
                f"endLine={end.line + 1}",
                f"endColumn={end.character + 1}",
                f"title={_escape_property(finding.code)}",
            ]
        )
        kind = _GITHUB_NAMES[int(finding.severity)]
        lines.append(f"::{kind} {properties}::{_escape_data(finding.message)}")
    return "\n".join(lines)


def _sarif(findings: Sequence[Finding], **_: Any) -> str:
    rules: dict[str, dict] = {}
    results = []
    for finding in findings:
        rule = rules.setdefault(finding.code, {"id": finding.code})
        if finding.documentation_url:
            rule["helpUri"] = finding.documentation_url
        start, end = finding.range.start, finding.range.end
        results.append(
            {
                "ruleId": finding.code,
                "level": _SARIF_LEVELS[int(finding.severity)],
                "message": {"text": finding.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": finding.source or "document"},
                            "region": {
                                "startLine": start.line + 1,
                                "startColumn": start.character + 1,
                                "endLine": end.line + 1,
                                "endColumn": end.character + 1,
                            },
                        }
                    }
                ],
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "portal lint", "rules": list(rules.values())}},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, ensure_ascii=False)


def _junit(findings: Sequence[Finding], **_: Any) -> str:
    from xml.etree import ElementTree  # only this format needs it: CLI start-up stays short

    suites = ElementTree.Element("testsuites")
    by_source: dict[str, list[Finding]] = {}
    for finding in findings:
        by_source.setdefault(finding.source or "document", []).append(finding)
    for source, items in by_source.items():
        failures = [f for f in items if f.severity == Severity.ERROR]
        suite = ElementTree.SubElement(
            suites,
            "testsuite",
            {"package": "org.spectral", "time": "0", "tests": str(len(items)), "errors": "0",
             "failures": str(len(failures)), "name": source},
        )  # fmt: skip
        for finding in items:
            path = print_path(finding.path, "dot")
            case = ElementTree.SubElement(
                suite,
                "testcase",
                {"time": "0", "name": f"org.spectral.{finding.code}({path})", "classname": source},
            )
            where = f"{finding.range.start.line + 1}:{finding.range.start.character + 1}"
            severity = _STYLISH_NAMES[int(finding.severity)]
            detail = ElementTree.SubElement(case, "failure", {"message": finding.message})
            detail.text = f"{where} {severity} {finding.code} {finding.message} {path}"
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + body


# Each takes the findings and the options below as keywords (those it has no use for ignored).
FORMATTERS: dict[str, Callable[..., str]] = {
    "json": _json,
    "text": _text,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}


def format_findings(
    findings: Sequence[Finding],
    output_format: str,
    *,
    fail_severity: str = "error",
    documentation_urls: bool = False,
) -> str:
    """``fail_severity`` (error, warn, info or hint) only changes the text format's words for
    no findings, as Spectral's do; ``documentation_urls`` adds each rule's documentation to
    the text and JSON formats (Spectral's ``--show-documentation-url``)."""
    formatter = FORMATTERS[output_format]
    return formatter(findings, fail_severity=fail_severity, urls=documentation_urls)
