"""Paths and operations: which were removed, added or kept, matched as oasdiff matches them.

Paths are matched with their parameters' names blanked (``/pets/{id}`` is ``/pets/{petId}``),
so renaming a path parameter is not a removed endpoint. Removing an operation is allowed
once it was deprecated and its sunset has passed; operations still at the draft or alpha
stability level may be removed freely.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from . import lifecycle
from .documents import Document
from .run import METHODS, Operation, Run, pointer

__all__ = ["matched_paths", "operations", "path_key", "removed_operation"]

_TEMPLATE = re.compile(r"\{[^{}/]*\}")


def path_key(path: str) -> str:
    """A path with its parameter names blanked, the key endpoints are matched by."""
    return _TEMPLATE.sub("{}", path)


def path_items(doc: Document) -> dict[str, tuple[str, dict[str, Any], str]]:
    """Path key -> (path as written, path item with references followed, its pointer)."""
    paths = doc.data.get("paths")
    found: dict[str, tuple[str, dict[str, Any], str]] = {}
    if not isinstance(paths, dict):
        return found
    for path, item in paths.items():
        if path.startswith("x-"):
            continue
        node, where = doc.deref(item, pointer("/paths", path))
        if isinstance(node, dict):
            found.setdefault(path_key(path), (path, node, where))
    return found


def operations(path: str, item: dict[str, Any], where: str, doc: Document) -> Iterator[Operation]:
    """The operations of a path item, in method order."""
    for method in METHODS:
        if method in item:
            node, at = doc.deref(item[method], pointer(where, method))
            if isinstance(node, dict):
                yield Operation(method, path, node, at, item, where)


def matched_paths(run: Run) -> Iterator[tuple[Operation | None, Operation | None, bool]]:
    """(base operation, revision operation, whole path added/removed) for every endpoint."""
    base = path_items(run.base)
    revision = path_items(run.revision)
    for key, (path, item, where) in base.items():
        if key not in revision:
            for operation in operations(path, item, where, run.base):
                yield operation, None, True
            continue
        other = revision[key]
        base_ops = {op.method: op for op in operations(path, item, where, run.base)}
        revision_ops = {op.method: op for op in operations(*other, run.revision)}
        for method in METHODS:
            if method in base_ops or method in revision_ops:
                yield base_ops.get(method), revision_ops.get(method), False
    for key, (path, item, where) in revision.items():
        if key not in base:
            for operation in operations(path, item, where, run.revision):
                yield None, operation, True


def removed_operation(run: Run, operation: Operation, *, whole_path: bool) -> None:
    """APIRemovedCheck: an operation of the base is gone from the revision."""
    prefix = "api-path" if whole_path else "api"
    node = operation.node
    try:
        stability = lifecycle.stability_of(node)
    except lifecycle.InvalidValue:
        stability = ""
    if stability in ("draft", "alpha"):
        return
    where = {"operation": operation.label, "base": operation.pointer}
    if node.get("deprecated") is not True:
        run.emit(f"{prefix}-removed-without-deprecation", **where)
        return
    try:
        sunset = lifecycle.sunset_of(node)
    except lifecycle.InvalidValue as exc:
        run.emit("api-path-sunset-parse", str(exc), **where)
        return
    if sunset is not None and run.today < sunset:
        run.emit(f"{prefix}-removed-before-sunset", sunset.isoformat(), **where)
    else:
        run.emit(f"{prefix}-removed-with-deprecation", **where)
