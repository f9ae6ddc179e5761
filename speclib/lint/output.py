"""Printing findings: Spectral's JSON and stylish text, GitHub workflow commands, SARIF 2.1.0
and JUnit XML. Lines and columns are 1-based everywhere but in the JSON (Spectral's 0-based)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence

import orjson

from .types import Finding, Severity

__all__ = ["FORMATTERS", "format_findings"]

_STYLISH_NAMES = {0: "error", 1: "warning", 2: "information", 3: "hint"}
_GITHUB_NAMES = {0: "error", 1: "warning", 2: "notice", 3: "notice"}
_SARIF_LEVELS = {0: "error", 1: "warning", 2: "note", 3: "note"}


def _json(findings: Sequence[Finding]) -> str:
    """Spectral's JSON, indented by 2 as ``JSON.stringify(..., null, 2)``. orjson writes the
    same text as ``json.dumps(indent=2, ensure_ascii=False)`` (compared on every corpus
    document's findings) eight times faster: 0.15 s on Graph's 9,957 findings."""
    items = [finding.to_spectral() for finding in findings]
    try:
        return orjson.dumps(items, option=orjson.OPT_INDENT_2).decode()
    except (TypeError, orjson.JSONEncodeError):  # text orjson refuses (a lone surrogate)
        return json.dumps(items, indent=2, ensure_ascii=False)


def _text(findings: Sequence[Finding], fail_severity: str = "error") -> str:
    if not findings:  # Spectral's words
        if fail_severity == "error":
            return "No results with a severity of 'error' found!"
        return f"No results with a severity of '{fail_severity}' or higher found!"
    lines: list[str] = []
    by_source: dict[str, list[Finding]] = {}
    for finding in findings:
        by_source.setdefault(finding.source or "document", []).append(finding)
    for source, items in by_source.items():
        lines.append(source)
        for finding in items:
            where = f"{finding.range.start.line + 1}:{finding.range.start.character + 1}"
            path = ".".join(str(segment) for segment in finding.path)
            severity = _STYLISH_NAMES[int(finding.severity)]
            lines.append(f" {where:>8}  {severity:<11}  {finding.code}  {finding.message}  {path}")
        lines.append("")
    counts = Counter(int(finding.severity) for finding in findings)
    parts = [_plural(counts[level], word) for level, word in enumerate(_WORDS)]
    lines.append(f"✖ {_plural(len(findings), 'problem')} ({', '.join(parts)})")
    return "\n".join(lines)


_WORDS = ("error", "warning", "info", "hint")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(findings: Sequence[Finding]) -> str:
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


def _sarif(findings: Sequence[Finding]) -> str:
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


def _junit(findings: Sequence[Finding]) -> str:
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
            path = ".".join(str(segment) for segment in finding.path)
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


FORMATTERS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "json": _json,
    "text": _text,
    "github": _github,
    "sarif": _sarif,
    "junit": _junit,
}


def format_findings(
    findings: Sequence[Finding], output_format: str, *, fail_severity: str = "error"
) -> str:
    """``fail_severity`` (error, warn, info or hint) only changes the text format's words for
    no findings, as Spectral's do."""
    if output_format == "text":
        return _text(findings, fail_severity)
    return FORMATTERS[output_format](findings)
