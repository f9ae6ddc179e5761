"""Request parameters, with the path item's and the operation's merged first.

A parameter moved between the path item and the operation is the same parameter (the
operation's wins, as the specification says), so moving one is not a change. Path parameters
are matched by their position in the path template, so renaming ``{id}`` to ``{petId}`` is not
a removal and an addition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from . import lifecycle
from .documents import Document
from .run import Operation, Run, pointer
from .schemas import SchemaSite

__all__ = ["compare_parameters", "merged_parameters"]

_TEMPLATE = re.compile(r"\{([^{}/]*)\}")


@dataclass(frozen=True, slots=True)
class Parameter:
    node: dict[str, Any]
    pointer: str
    location: str
    name: str
    from_path_item: bool

    @property
    def required(self) -> bool:
        return self.node.get("required") is True


def merged_parameters(operation: Operation, doc: Document) -> dict[tuple[str, object], Parameter]:
    """The operation's parameters (path item's, overridden by the operation's) by match key."""
    names = _TEMPLATE.findall(operation.path)
    found: dict[tuple[str, object], Parameter] = {}
    sources = (
        (operation.item, operation.item_pointer, True),
        (operation.node, operation.pointer, False),
    )
    for owner, where, shared in sources:
        listed = owner.get("parameters")
        if not isinstance(listed, list):
            continue
        for index, entry in enumerate(listed):
            node, at = doc.deref(entry, pointer(where, "parameters", index))
            if not isinstance(node, dict):
                continue
            location, name = str(node.get("in")), str(node.get("name"))
            key: tuple[str, object] = (location, name)
            if location == "path" and name in names:
                key = (location, names.index(name))
            found[key] = Parameter(node, at, location, name, shared)
    return found


def compare_parameters(run: Run, base: Operation, revision: Operation) -> None:
    """Parameters removed, added and changed between two versions of an operation."""
    before = merged_parameters(base, run.base)
    after = merged_parameters(revision, run.revision)
    label = revision.label
    for key, param in before.items():
        if key not in after:
            _removed(run, label, param)
    for key, param in after.items():
        if key not in before:
            _added(run, label, param)
        else:
            _changed(run, label, before[key], param)


def _removed(run: Run, label: str, param: Parameter) -> None:
    where = {"operation": label, "base": param.pointer}
    names = (param.location, param.name)
    if param.node.get("deprecated") is not True:
        run.emit("request-parameter-removed", *names, **where)
        return
    try:
        sunset = lifecycle.sunset_of(param.node)
    except lifecycle.InvalidValue as exc:
        run.emit("request-parameter-sunset-parse", *names, str(exc), **where)
        return
    if sunset is not None and run.today < sunset:
        run.emit("request-parameter-removed-before-sunset", *names, sunset.isoformat(), **where)
    else:
        run.emit("request-parameter-removed-with-deprecation", *names, **where)


def _added(run: Run, label: str, param: Parameter) -> None:
    where = {"operation": label, "revision": param.pointer}
    names = (param.location, param.name)
    if param.location == "path":
        run.emit("new-request-path-parameter", param.name, **where)
        return
    prefix = "new-required" if param.required else "new-optional"
    if param.from_path_item:  # declared for every operation of a path that already existed
        run.emit(f"{prefix}-request-default-parameter-to-existing-path", *names, **where)
    else:
        run.emit(f"{prefix}-request-parameter", *names, **where)


def _changed(run: Run, label: str, before: Parameter, after: Parameter) -> None:
    where = {"operation": label, "base": before.pointer, "revision": after.pointer}
    names = (after.location, after.name)
    if before.required != after.required:
        change = "became-required" if after.required else "became-optional"
        run.emit(f"request-parameter-{change}", *names, **where)
    _deprecation(run, before, after, where)
    base_schema, base_at = _schema(before)
    revision_schema, revision_at = _schema(after)
    explode = after.node.get("explode")
    site = SchemaSite(
        "parameter",
        base_at,
        revision_at,
        location=after.location,
        name=after.name,
        required=before.required or after.required,
        style=after.node.get("style") if isinstance(after.node.get("style"), str) else None,
        explode=explode if isinstance(explode, bool) else None,
    )
    run.compare_schemas(label, base_schema, revision_schema, site)


def _schema(param: Parameter) -> tuple[object, str]:
    """A parameter's schema: its ``schema``, else the one of its single ``content`` entry."""
    if "schema" in param.node:
        return param.node["schema"], pointer(param.pointer, "schema")
    content = param.node.get("content")
    if isinstance(content, dict):
        for media_type, entry in content.items():
            if isinstance(entry, dict) and "schema" in entry:
                return entry["schema"], pointer(param.pointer, "content", media_type, "schema")
    return None, pointer(param.pointer, "schema")


def _deprecation(run: Run, before: Parameter, after: Parameter, where: dict) -> None:
    """RequestParameterDeprecationCheck and RequestParameterSunsetChangedCheck."""
    names = (after.location, after.name)
    was, now = before.node.get("deprecated") is True, after.node.get("deprecated") is True
    if was and not now:
        run.emit("request-parameter-reactivated", *names, **where)
        return
    if not now:
        return
    try:
        stability = lifecycle.stability_of(after.node)
    except lifecycle.InvalidValue:
        stability = ""
    try:
        before_sunset = lifecycle.sunset_of(before.node) if was else None
        sunset = lifecycle.sunset_of(after.node)
    except lifecycle.InvalidValue as exc:
        check = "RequestParameterSunsetChangedCheck" if was else "RequestParameterDeprecationCheck"
        run.emit("request-parameter-sunset-parse", *names, str(exc), check=check, **where)
        return
    days = lifecycle.notice_days(run.options, stability)
    if was:
        if before_sunset is None:
            return
        if sunset is None:
            run.emit("request-parameter-sunset-deleted", *names, **where)
        elif sunset < before_sunset and sunset < lifecycle.deadline(run.today, days):
            dates = (before_sunset.isoformat(), sunset.isoformat(), before_sunset.isoformat(), days)
            run.emit("request-parameter-sunset-date-changed-too-small", *names, *dates, **where)
        return
    if sunset is None and days > 0:
        run.emit("request-parameter-deprecated-sunset-missing", *names, **where)
    elif sunset is not None and sunset < lifecycle.deadline(run.today, days):
        too_small = (sunset.isoformat(), days)
        run.emit("request-parameter-sunset-date-too-small", *names, *too_small, **where)
    else:
        run.emit("request-parameter-deprecated", *names, **where)
