"""Tolerant readers for fields of real-world documents, where any field may have any type.

Extraction never raises on odd shapes: a number where text belongs becomes
text, a container where text belongs is ignored, and so on.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .views import Budget

__all__ = [
    "LONG",
    "PREVIEW",
    "SHORT",
    "as_dict",
    "as_list",
    "as_text",
    "as_texts",
    "charged_text",
    "charged_texts",
    "is_extension",
]

SHORT = 1_000  # names, titles, summaries
LONG = 50_000  # descriptions (Markdown): generous, but bounded
PREVIEW = 200  # what is left of a text once the output budget is spent


def as_text(value: Any, limit: int = SHORT) -> str | None:
    """Text for a scalar (numbers and booleans in their JSON spelling), None otherwise."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, float)):
        text = str(value)
    else:
        return None
    return text if len(text) <= limit else text[:limit] + "…"


def as_texts(value: Any, limit: int = SHORT, max_items: int = 100) -> list[str]:
    """Up to ``max_items`` texts from a list (non-scalars dropped) or a lone scalar."""
    items = value if isinstance(value, list) else [value]
    texts = (as_text(item, limit) for item in items)
    return list(islice((text for text in texts if text is not None), max_items))


def charged_text(value: Any, budget: Budget, limit: int = LONG) -> str | None:
    """``as_text`` charged to ``budget``; once the budget is spent, only a PREVIEW.

    YAML aliases can repeat one long text thousands of times at no cost in the
    source, so every text copied into the output has to be paid for.
    """
    text = as_text(value, PREVIEW if budget.spent else limit)
    if text is not None:
        budget.charge(len(text) + 8)
    return text


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a mapping, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def is_extension(key: object) -> bool:
    """Whether a key is a specification extension (``x-...``)."""
    return isinstance(key, str) and key.startswith("x-")


def charged_texts(value: Any, budget: Budget, limit: int = SHORT, max_items: int = 20) -> list[str]:
    """Like ``as_texts``, each text charged; stops adding once the budget is spent."""
    items = value if isinstance(value, list) else [value]
    texts: list[str] = []
    for item in islice(items, max_items):
        if budget.spent:
            break
        text = charged_text(item, budget, limit)
        if text is not None:
            texts.append(text)
    return texts
