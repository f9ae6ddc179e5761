"""A DiffResult as text (a terminal), JSON (machines) or Markdown (a changelog)."""

from __future__ import annotations

import json

from .model import Change, Level, Location
from .options import DiffResult

__all__ = ["change_to_dict", "render_json", "render_markdown", "render_text"]

_DEPRECATION_WORDS = ("deprecated", "sunset", "reactivated", "stability")


def _where(location: Location | None) -> str:
    if location is None:
        return ""
    line = f":{location.line}" if location.line is not None else ""
    return f"{location.source}{line}"


def change_to_dict(change: Change) -> dict[str, object]:
    """One change as JSON: ``source`` and ``path`` are the revision's (the base's if removed)."""
    side = change.revision or change.base
    return {
        "id": change.id,
        "level": change.level.label,
        "text": change.text,
        "operation": change.operation,
        "path": side.pointer if side else None,
        "source": _where(side) or None,
        "base": _location(change.base),
        "revision": _location(change.revision),
        "ignored_because": change.ignored_because,
    }


def _location(location: Location | None) -> dict[str, object] | None:
    if location is None:
        return None
    return {
        "source": location.source,
        "pointer": location.pointer,
        "line": location.line,
        "column": location.column,
    }


def render_json(result: DiffResult) -> str:
    """A JSON list of changes, one object each (see :func:`change_to_dict`)."""
    return json.dumps([change_to_dict(c) for c in result.changes], indent=2, ensure_ascii=False)


def render_text(result: DiffResult) -> str:
    """One line a change, worst first, and a summary line."""
    lines = []
    for change in result.changes:
        where = _where(change.revision or change.base)
        operation = f" {change.operation}" if change.operation else ""
        accepted = f" (accepted: {change.ignored_because})" if change.ignored_because else ""
        lines.append(f"{change.level.label:7} {change.id}{operation}: {change.text}{accepted}")
        if where:
            lines.append(f"        at {where}")
    counts = {level: 0 for level in Level}
    for change in result.changes:
        counts[change.level] += 1
    summary = ", ".join(f"{counts[level]} {level.label}" for level in reversed(Level))
    lines.append(f"{len(result.changes)} changes ({summary}), {len(result.breaking)} breaking")
    return "\n".join(lines)


def render_markdown(result: DiffResult, *, title: str | None = None) -> str:
    """A changelog: breaking changes first, then deprecations, then additions and the rest."""
    breaking = [c for c in result.changes if c.level >= Level.WARNING]
    rest = [c for c in result.changes if c.level < Level.WARNING]
    deprecations = [c for c in rest if any(word in c.id for word in _DEPRECATION_WORDS)]
    other = [c for c in rest if c not in deprecations]
    parts = [f"# {title}"] if title else []
    for heading, changes in (
        ("Breaking changes", breaking),
        ("Deprecations", deprecations),
        ("Additions and other changes", other),
    ):
        if changes:
            parts.append(f"## {heading}\n")
            parts.extend(_markdown_line(change) for change in changes)
            parts.append("")
    if not result.changes:
        parts.append("No changes.")
    return "\n".join(parts).strip() + "\n"


def _markdown_line(change: Change) -> str:
    operation = f"**{change.operation}**: " if change.operation else ""
    marker = " *(warning)*" if change.level is Level.WARNING else ""
    accepted = f" — accepted: {change.ignored_because}" if change.ignored_because else ""
    return f"- {operation}{change.text}{marker} (`{change.id}`){accepted}"
