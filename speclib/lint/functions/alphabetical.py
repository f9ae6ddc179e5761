"""Spectral's ``alphabetical`` function: array items (or object keys) in alphabetical order,
optionally compared by one key of each item (``keyedBy``).

Strings compare as JavaScript's ``localeCompare`` does (Unicode collation: case and accents
matter only after the letters themselves, lower case first); a number or numeric string
against a numeric one compares as numbers, with Spectral's quirks kept.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from ._js import print_value
from .options import OPTIONS

__all__ = ["FUNCTIONS", "js_to_number", "locale_compare"]


def js_to_number(value: Any) -> float:
    """``Number(value)`` for JSON values."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if value is None:
        return 0.0
    if not isinstance(value, str):
        return math.nan
    text = value.strip()
    if text == "":
        return 0.0
    if "_" in text:
        return math.nan
    try:
        if text[:2].lower() in ("0x", "0o", "0b"):
            return float(int(text, 0))
        if text.lstrip("+-").lower() in ("inf", "infinity", "nan") and "Infinity" not in text:
            return math.nan
        return float(text)
    except ValueError:
        return math.nan


def _char_key(char: str) -> tuple[int, str]:
    category = unicodedata.category(char)
    if category.startswith("Z") or char in "\t\n\r\v\f":
        rank = 0
    elif category.startswith("P"):
        rank = 1
    elif category.startswith("S"):
        rank = 2
    elif category.startswith("N"):
        rank = 3
    else:
        rank = 4
    return rank, char


def _collation_key(text: str) -> tuple:
    decomposed = unicodedata.normalize("NFD", text)
    base = [char for char in decomposed if not unicodedata.combining(char)]
    primary = tuple(_char_key(char.casefold()) for char in base)
    secondary = tuple(char for char in decomposed if unicodedata.combining(char))
    tertiary = tuple(0 if char == char.casefold() else 1 for char in base)
    return primary, secondary, tertiary


def locale_compare(a: str, b: str) -> int:
    key_a, key_b = _collation_key(a), _collation_key(b)
    return (key_a > key_b) - (key_a < key_b)


def _compare(a: Any, b: Any) -> float:
    a_is_number = isinstance(a, int | float) and not isinstance(a, bool)
    b_is_number = isinstance(b, int | float) and not isinstance(b, bool)
    if (a_is_number or math.isnan(js_to_number(a))) and (
        b_is_number or not math.isnan(js_to_number(b))
    ):
        difference = js_to_number(a) - js_to_number(b)
        return math.nan if math.isnan(difference) else min(1.0, max(-1.0, difference))
    if not isinstance(a, str) or not isinstance(b, str):
        return 0
    return locale_compare(a, b)


def _first_unsorted(items: list[Any]) -> int | None:
    for index in range(len(items) - 1):
        if _compare(items[index], items[index + 1]) >= 1:
            return index
    return None


def _orderable(value: Any) -> bool:
    return isinstance(value, dict | list)


@rule_function("alphabetical", options=OPTIONS["alphabetical"], accepts=_orderable)
def alphabetical(target: Any, options: dict[str, Any] | None, context: FunctionContext):
    # Spectral keeps the source order of keys, numeric ones included.
    items = list(target)
    if len(items) < 2:
        return None
    keyed_by = (options or {}).get("keyedBy")
    if keyed_by is not None:
        if not all(isinstance(item, dict | list) for item in items):
            return [FunctionResult('#{{print("property")}}must be an object')]
        items = [item.get(keyed_by) if isinstance(item, dict) else None for item in items]
    valid = all(
        isinstance(item, str) or (isinstance(item, int | float) and not isinstance(item, bool))
        for item in items
    )
    if not valid:
        message = '#{{print("property")}}must be one of the allowed types: number, string'
        return [FunctionResult(message)]
    index = _first_unsorted(items)
    if index is None:
        return None
    if keyed_by is not None:
        return [FunctionResult("properties must follow the alphabetical order")]
    where = index if isinstance(target, list) else items[index]
    message = f"{print_value(items[index])} must be placed after {print_value(items[index + 1])}"
    return [FunctionResult(message, (*context.path, where))]


FUNCTIONS = {"alphabetical": alphabetical}
