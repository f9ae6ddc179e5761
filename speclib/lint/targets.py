"""``then.field``: what a rule function is called with for one matched node (Spectral's
getLintTargets): the node itself, a member by lodash path (``info.contact``, ``a[0].b``), every
key (``@key``), or the matches of a relative JSONPath (``$.x``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .jsonpath import Automaton, parse_path
from .types import JsonPath

__all__ = ["UNDEFINED", "lint_targets"]

try:  # the rule functions' notion of JavaScript's undefined, shared when present
    from .functions._js import UNDEFINED
except ImportError:  # pragma: no cover - the functions package always ships it

    class _Undefined:
        def __repr__(self) -> str:
            return "undefined"

        def __bool__(self) -> bool:
            return False

    UNDEFINED: Any = _Undefined()  # type: ignore[no-redef]

_LODASH_PART = re.compile(r"""[^.[\]]+|\[(?:(-?\d+)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]""")


@lru_cache(maxsize=1024)
def to_path(field: str) -> tuple[str, ...]:
    """lodash's ``toPath``: ``a.b[0]['c.d']`` -> ("a", "b", "0", "c.d")."""
    parts: list[str] = []
    for match in _LODASH_PART.finditer(field):
        if match.group(1) is not None:
            parts.append(match.group(1))
        elif match.group(2) is not None:
            parts.append(re.sub(r"\\(.)", r"\1", match.group(3)))
        else:
            parts.append(match.group(0))
    return tuple(parts)


def lint_targets(value: Any, field: str | None) -> list[tuple[JsonPath, Any]]:
    if field is None or not isinstance(value, dict | list):
        return [((), value)]
    if field == "@key":
        keys = list(value) if isinstance(value, dict) else list(range(len(value)))
        targets: list[tuple[JsonPath, Any]] = [((key,), str(key)) for key in keys]
    elif field.startswith("$"):
        targets = list(Automaton([parse_path(field)]).run(value)[0])
    else:
        targets = [_get(value, to_path(field))]
    return targets or [((), UNDEFINED)]


def _get(value: Any, parts: tuple[str, ...]) -> tuple[JsonPath, Any]:
    node = value
    path: list[str | int] = []
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
            path.append(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
            path.append(int(part))
        else:
            return (*path, part, *parts[len(path) + 1 :]), UNDEFINED
    return tuple(path), node
