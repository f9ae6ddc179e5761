"""The rule catalogue: oasdiff's rule ids with their default levels, checks and messages.

``rules.tsv`` beside this module is a copy of the columns the differ needs from the
benchmark's rule list (id, level, area, the oasdiff check that emits it, the English message
template), so users can read oasdiff's documentation for any id the portal reports. Ids the
portal adds itself are declared in ``_PORTAL_RULES``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .model import Level

__all__ = ["Rule", "catalogue", "format_text", "rule"]

_LEVELS = {"ERR": Level.ERROR, "WARN": Level.WARNING, "INFO": Level.INFO}
_VERB = re.compile(r"%[svdq]")


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: its stable id, default level, area, the check that owns it, its message."""

    id: str
    level: Level
    area: str
    check: str  # oasdiff's check function, used to run a single check as its tests do
    template: str  # printf-style, one %s per argument


@cache
def catalogue() -> dict[str, Rule]:
    """Every known rule by id (read once from the package's ``rules.tsv``)."""
    path = Path(__file__).with_name("rules.tsv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [
            (row["id"], row["level"], row["portal_area"], row["handler"], row["message"])
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        ]
    return {row[0]: Rule(row[0], _LEVELS[row[1]], *row[2:]) for row in rows}


def rule(rule_id: str) -> Rule:
    """The rule for ``rule_id``; a KeyError names a programming error (an unknown id)."""
    return catalogue()[rule_id]


def format_text(template: str, args: tuple[object, ...]) -> str:
    """Fill a printf-style template as oasdiff does: names and values in backquotes."""
    values = iter(args)

    def fill(match: re.Match[str]) -> str:
        value = next(values, "")
        if match.group() == "%d" or isinstance(value, (int, float)) and not isinstance(value, bool):
            return _scalar(value)
        return f"`{_scalar(value)}`"

    return _VERB.sub(fill, template)


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)):
        return ", ".join(_scalar(item) for item in value)
    return str(value)
