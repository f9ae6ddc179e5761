"""Deprecation, sunset dates and stability levels, read as oasdiff reads them.

A sunset (``x-sunset``) is a date (``2025-12-31``) or an RFC 3339 timestamp; a stability
level (``x-stability-level``) is one of draft, alpha, beta, stable. Removing something
deprecated is allowed once its sunset has passed; the notice a deprecation must give is the
policy's ``deprecation_days_beta`` or ``_stable`` (by the stability level), 0 meaning none.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from .options import STABILITY_LEVELS, DiffOptions

__all__ = [
    "InvalidValue",
    "notice_days",
    "stability_of",
    "stability_rank",
    "sunset_of",
]

SUNSET = "x-sunset"
STABILITY = "x-stability-level"


class InvalidValue(ValueError):
    """A sunset or stability level that cannot be read; the message is oasdiff's ``%v``."""


def sunset_of(node: dict[str, Any]) -> date | None:
    """The node's sunset date, None when it has none; raises InvalidValue when unreadable."""
    if SUNSET not in node:
        return None
    value = node[SUNSET]
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        raise InvalidValue(f"sunset date doesn't conform with RFC3339: {text}") from None


def stability_of(node: dict[str, Any]) -> str:
    """The node's stability level ("" when not set); raises InvalidValue for other values."""
    value = node.get(STABILITY)
    if value is None:
        return ""
    if value not in STABILITY_LEVELS:
        shown = json.dumps(value) if isinstance(value, str) else value
        raise InvalidValue(f"value is not one of draft, alpha, beta or stable: {shown}")
    return value


def stability_rank(level: str) -> int:
    """Order of a stability level; unset counts as stable."""
    return STABILITY_LEVELS.index(level or "stable")


def notice_days(options: DiffOptions, stability: str) -> int:
    """The days of notice a deprecation of something this stable must give."""
    if stability == "beta":
        return options.deprecation_days_beta
    return options.deprecation_days_stable


def deadline(today: date, days: int) -> date:
    return today + timedelta(days=days)
