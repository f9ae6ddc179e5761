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


def _media_types(run: Run, label: str, status: str, before, before_at, after, after_at) -> None:
    old, new = media_types(before, before_at), media_types(after, after_at)
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
