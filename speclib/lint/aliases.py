"""Ruleset aliases: ``#Name`` at the start of a ``given`` path, simple or scoped per format.

As in Spectral, a scoped alias picks the *last* of its targets whose formats the document has,
and an alias may start with another alias; a cycle or an unknown alias is a RulesetError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .formats import canonical_format
from .types import RulesetError

__all__ = ["expand_given", "validate_aliases"]

_ALIAS = re.compile(r"#([A-Za-z0-9_-]+)")


def validate_aliases(aliases: Any, where: str) -> None:
    if not isinstance(aliases, dict):
        raise RulesetError(f"{where}: `aliases` must be a mapping of names to paths")
    for name, value in aliases.items():
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", str(name)):
            raise RulesetError(
                f'{where}: alias name "{name}" must match /^[A-Za-z][A-Za-z0-9_-]*$/'
            )
        if _is_simple(value):
            continue
        targets = value.get("targets") if isinstance(value, dict) else None
        if not isinstance(targets, list) or not targets or not all(_is_target(t) for t in targets):
            raise RulesetError(
                f'{where}: alias "{name}" must be a list of paths or '
                "{targets: [{formats, given}]}"
            )


def _is_simple(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, str) for v in value)


def _is_target(target: Any) -> bool:
    return (
        isinstance(target, dict)
        and _is_simple(target.get("given"))
        and isinstance(target.get("formats"), list)
        and bool(target["formats"])
    )


def expand_given(
    aliases: Mapping[str, Any],
    expression: str,
    formats: frozenset[str] | None,
    *,
    where: str = "ruleset",
    stack: tuple[str, ...] = (),
) -> list[str]:
    """The paths an expression stands for; ``formats=None`` expands every scoped target
    (used to check all of them when the ruleset is loaded)."""
    if not expression.startswith("#"):
        return [expression]
    match = _ALIAS.match(expression)
    if match is None:
        raise RulesetError(f"{where}: alias in `{expression}` must match /^#([A-Za-z0-9_-]+)/")
    name = match.group(1)
    if name in stack:
        chain = " -> ".join((*stack, name))
        raise RulesetError(f'{where}: alias "{stack[0]}" is circular ({chain})')
    if name not in aliases:
        raise RulesetError(f'{where}: alias "{name}" does not exist')
    rest = expression[match.end() :]
    result: list[str] = []
    for item in _alias_paths(aliases[name], formats):
        result.extend(
            expand_given(aliases, item + rest, formats, where=where, stack=(*stack, name))
        )
    return result


def _alias_paths(value: Any, formats: frozenset[str] | None) -> list[str]:
    if isinstance(value, list):
        return value
    targets = value["targets"]
    if formats is None:
        return [given for target in targets for given in target["given"]]
    for target in reversed(targets):
        names = {canonical_format(name) for name in target["formats"]}
        if not names.isdisjoint(formats):
            return target["given"]
    return []
