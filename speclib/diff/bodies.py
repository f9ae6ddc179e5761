"""Request bodies: added, removed, required or not, their media types and schemas."""

from __future__ import annotations

from typing import Any

from .documents import Document
from .run import Operation, Run, pointer
from .schemas import SchemaSite

__all__ = ["compare_request_bodies", "media_types"]


def media_types(owner: dict[str, Any], where: str) -> dict[str, tuple[dict[str, Any], str]]:
    """The ``content`` entries of a body or response: media type -> (entry, its pointer)."""
    content = owner.get("content")
    if not isinstance(content, dict):
        return {}
    return {
        name: (entry, pointer(where, "content", name))
        for name, entry in content.items()
        if isinstance(entry, dict)
    }


def _body(operation: Operation, doc: Document) -> tuple[dict[str, Any] | None, str]:
    at = pointer(operation.pointer, "requestBody")
    if "requestBody" not in operation.node:
        return None, at
    node, at = doc.deref(operation.node["requestBody"], at)
    return (node if isinstance(node, dict) else None), at


def compare_request_bodies(run: Run, base: Operation, revision: Operation) -> None:
    """AddedRequestBodyCheck, RequestBodyRemovedCheck, RequestBodyRequiredUpdatedCheck, media
    types, and each common media type's schema."""
    before, before_at = _body(base, run.base)
    after, after_at = _body(revision, run.revision)
    label = revision.label
    if before is None and after is None:
        return
    if before is None:
        required = after.get("required") is True
        rule_id = "request-body-added-required" if required else "request-body-added-optional"
        run.emit(rule_id, operation=label, revision=after_at)
        return
    where = {"operation": label, "base": before_at, "revision": after_at}
    if after is None:
        run.emit("request-body-removed", operation=label, base=before_at)
        return
    was, now = before.get("required") is True, after.get("required") is True
    if was != now:
        run.emit("request-body-became-required" if now else "request-body-became-optional", **where)
    old, new = media_types(before, before_at), media_types(after, after_at)
    for name, (_, at) in old.items():
        if name not in new:
            run.emit("request-body-media-type-removed", name, operation=label, base=at)
    for name, (entry, at) in new.items():
        if name not in old:
            run.emit("request-body-media-type-added", name, operation=label, revision=at)
            continue
        base_entry, base_at = old[name]
        _schema_existence(run, label, name, base_entry, base_at, entry, at)
        site = SchemaSite(
            "request-body",
            pointer(base_at, "schema"),
            pointer(at, "schema"),
            media_type=name,
        )
        run.compare_schemas(label, base_entry.get("schema"), entry.get("schema"), site)


def _schema_existence(run: Run, label: str, name: str, before, before_at, after, after_at):
    """MediaTypeSchemaExistenceCheck for a request body media type."""
    had, has = "schema" in before, "schema" in after
    where = {"operation": label, "base": before_at, "revision": after_at}
    if had and not has:
        run.emit("request-body-media-type-schema-removed", name, **where)
    elif has and not had:
        run.emit("request-body-media-type-schema-added", name, **where)
