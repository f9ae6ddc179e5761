"""Responses: status codes, media types, headers and the schemas returned."""

from __future__ import annotations

from typing import Any

from .bodies import media_types
from .documents import Document
from .run import Operation, Run, pointer
from .schemas import SchemaSite

__all__ = ["compare_responses"]


def _responses(operation: Operation, doc: Document) -> dict[str, tuple[dict[str, Any], str]]:
    listed = operation.node.get("responses")
    if not isinstance(listed, dict):
        return {}
    found = {}
    for status, entry in listed.items():
        if status.startswith("x-"):
            continue
        node, at = doc.deref(entry, pointer(operation.pointer, "responses", status))
        if isinstance(node, dict):
            found[str(status)] = (node, at)
    return found


def _is_success(status: str) -> bool:
    return status.startswith("2") and len(status) == 3


def compare_responses(run: Run, base: Operation, revision: Operation) -> None:
    """ResponseSuccessStatusUpdatedCheck, ResponseNonSuccessStatusUpdatedCheck, then each
    status kept on both sides."""
    before = _responses(base, run.base)
    after = _responses(revision, run.revision)
    label = revision.label
    for status, (_, at) in before.items():
        if status not in after:
            kind = "success" if _is_success(status) else "non-success"
            run.emit(f"response-{kind}-status-removed", status, operation=label, base=at)
    for status, (node, at) in after.items():
        if status not in before:
            kind = "success" if _is_success(status) else "non-success"
            run.emit(f"response-{kind}-status-added", status, operation=label, revision=at)
            continue
        old, old_at = before[status]
        _media_types(run, label, status, old, old_at, node, at)
        _headers(run, label, status, old, old_at, node, at)


def _renamed(old: dict, new: dict) -> tuple[str, str, str] | None:
    """(rule id, old name, new name) when the only change is one media type renamed."""
    removed = [name for name in old if name not in new]
    added = [name for name in new if name not in old]
    if len(removed) != 1 or len(added) != 1:
        return None
    before, after = removed[0], added[0]
    relation = media_type_relation(before, after)
    return None if relation is None else (f"response-media-type-name-{relation}", before, after)


def media_type_relation(before: str, after: str) -> str | None:
    """How media type ``after`` relates to ``before``: "changed" (same type, other parameters),
    "specialized" (``application/json`` to ``application/problem+json``), "generalized" (the
    reverse), or None (unrelated)."""
    old, new = _essence(before), _essence(after)
    if old == new:
        return "changed"
    (old_type, old_subtype), (new_type, new_subtype) = old, new
    if old_type != new_type:
        return None
    if _parameters(before) != _parameters(after):
        return "changed"
    if new_subtype.endswith("+" + old_subtype):
        return "specialized"
    if old_subtype.endswith("+" + new_subtype):
        return "generalized"
    if (
        old_subtype.partition("+")[2]
        and old_subtype.partition("+")[2] == new_subtype.partition("+")[2]
    ):
        return "changed"
    return None


def _parameters(media_type: str) -> str:
    return media_type.partition(";")[2].replace(" ", "").lower()


def _essence(media_type: str) -> tuple[str, str]:
    kind, _, subtype = media_type.partition(";")[0].strip().lower().partition("/")
    return kind, subtype


def _media_types(run: Run, label: str, status: str, before, before_at, after, after_at) -> None:
    old, new = media_types(before, before_at), media_types(after, after_at)
    renamed = _renamed(old, new)
    if renamed is not None:
        rule_id, old_name, new_name = renamed
        where = {"operation": label, "base": old[old_name][1], "revision": new[new_name][1]}
        run.emit(rule_id, old_name, new_name, status, **where)
        old = {**old, new_name: old.pop(old_name)}
    for name, (_, at) in old.items():
        if name not in new:
            run.emit("response-media-type-removed", name, status, operation=label, base=at)
    for name, (entry, at) in new.items():
        if name not in old:
            run.emit("response-media-type-added", name, status, operation=label, revision=at)
            continue
        base_entry, base_at = old[name]
        where = {"operation": label, "base": base_at, "revision": at}
        had, has = "schema" in base_entry, "schema" in entry
        if had and not has:
            run.emit("response-body-media-type-schema-removed", name, status, **where)
        elif has and not had:
            run.emit("response-body-media-type-schema-added", name, status, **where)
        site = SchemaSite(
            "response-body",
            pointer(base_at, "schema"),
            pointer(at, "schema"),
            media_type=name,
            status=status,
        )
        run.compare_schemas(label, base_entry.get("schema"), entry.get("schema"), site)


def _header_map(run_doc: Document, response: dict, where: str) -> dict[str, tuple[dict, str]]:
    headers = response.get("headers")
    if not isinstance(headers, dict):
        return {}
    found = {}
    for name, entry in headers.items():
        node, at = run_doc.deref(entry, pointer(where, "headers", name))
        if isinstance(node, dict):
            found[name] = (node, at)
    return found


def _headers(run: Run, label: str, status: str, before, before_at, after, after_at) -> None:
    old = _header_map(run.base, before, before_at)
    new = _header_map(run.revision, after, after_at)
    for name, (node, at) in old.items():
        if name not in new:
            required = node.get("required") is True
            rule_id = (
                "required-response-header-removed"
                if required
                else "optional-response-header-removed"
            )
            run.emit(rule_id, name, status, operation=label, base=at)
    for name, (node, at) in new.items():
        if name not in old:
            run.emit("response-header-added", name, status, operation=label, revision=at)
            continue
        base_node, base_at = old[name]
        where = {"operation": label, "base": base_at, "revision": at}
        if base_node.get("required") is True and node.get("required") is not True:
            run.emit("response-header-became-optional", name, status, **where)
        site = SchemaSite(
            "response-header",
            pointer(base_at, "schema"),
            pointer(at, "schema"),
            name=name,
            status=status,
        )
        run.compare_schemas(label, base_node.get("schema"), node.get("schema"), site)
