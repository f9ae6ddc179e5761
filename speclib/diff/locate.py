"""Source lines for the changes' JSON pointers, found in one pass over each document.

Reuses the lint engine's position finder, which reads only the paths asked for. A pointer
that does not exist as written (a 2.0 document's converted parts) is located at its longest
existing prefix, so a change still points somewhere close in the file.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..lint.positions import json_ranges, yaml_ranges
from ..refs import pointer_tokens
from .documents import Document
from .model import Change, Location

__all__ = ["add_lines"]

_MAX_LOCATED = 5_000  # beyond this many changes, lines are left out (the report is unreadable)


def add_lines(changes: list[Change], base: Document, revision: Document) -> None:
    """Fill ``line``/``column`` of every change's locations, in place."""
    if not changes or len(changes) > _MAX_LOCATED:
        return
    base_lines = _lines(base, [c.base.pointer for c in changes if c.base is not None])
    revision_lines = _lines(revision, [c.revision.pointer for c in changes if c.revision])
    for index, change in enumerate(changes):
        changes[index] = replace(
            change,
            base=_with_line(change.base, base_lines),
            revision=_with_line(change.revision, revision_lines),
        )


def _with_line(location: Location | None, lines: dict[str, tuple[int, int]]) -> Location | None:
    if location is None or location.pointer not in lines:
        return location
    line, column = lines[location.pointer]
    return replace(location, line=line, column=column)


def _lines(doc: Document, pointers: list[str]) -> dict[str, tuple[int, int]]:
    """pointer -> (1-based line, 1-based column) in the document as written."""
    paths = {pointer: _existing_path(doc.original, pointer) for pointer in set(pointers)}
    wanted = list(set(paths.values()))
    if doc.syntax == "json":
        ranges = json_ranges(doc.raw, wanted)
    else:
        ranges = yaml_ranges(doc.raw, wanted, doc.tape)[0]
    found = {}
    for pointer, path in paths.items():
        where = ranges.get(path)
        if where is not None:
            found[pointer] = (where.start.line + 1, where.start.character + 1)
    return found


def _existing_path(data: Any, pointer: str) -> tuple[str | int, ...]:
    """The longest prefix of ``pointer`` that exists in ``data``, as a path of keys/indexes."""
    tokens = pointer_tokens("#" + pointer) or ()
    path: list[str | int] = []
    node = data
    for token in tokens:
        if isinstance(node, dict) and token in node:
            path.append(token)
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            path.append(int(token))
            node = node[int(token)]
        else:
            break
    return tuple(path)
