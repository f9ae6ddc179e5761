"""Operation ids, tags, component schemas and webhooks."""

from __future__ import annotations

from typing import Any

from .run import METHODS, Operation, Run, pointer

__all__ = ["compare_document_metadata", "compare_operation_metadata"]


def compare_operation_metadata(run: Run, base: Operation, revision: Operation) -> None:
    """APIOperationIdUpdatedCheck and APITagUpdatedCheck."""
    where = {"operation": revision.label, "base": base.pointer, "revision": revision.pointer}
    before, after = base.node.get("operationId"), revision.node.get("operationId")
    if before != after:
        if before is None:
            run.emit("api-operation-id-added", after, **where)
        else:
            run.emit("api-operation-id-removed", before, after, **where)
    old_tags, new_tags = _tags(base.node), _tags(revision.node)
    for tag in old_tags:
        if tag not in new_tags:
            run.emit("api-tag-removed", tag, **where)
    for tag in new_tags:
        if tag not in old_tags:
            run.emit("api-tag-added", tag, **where)


def _tags(node: dict[str, Any]) -> list[str]:
    tags = node.get("tags")
    return [tag for tag in tags if isinstance(tag, str)] if isinstance(tags, list) else []


def compare_document_metadata(run: Run) -> None:
    """APIComponentsSchemaRemovedCheck and WebhookUpdatedCheck (webhooks' operations too)."""
    old, new = _schemas(run.base.data), _schemas(run.revision.data)
    for name in old:
        if name not in new:
            run.emit("api-schema-removed", name, base=pointer("/components/schemas", name))
    _webhooks(run)


def _schemas(data: dict[str, Any]) -> dict[str, Any]:
    components = data.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


def _webhooks(run: Run) -> None:
    from .operation import compare_operations  # the operation module imports this one

    old = run.base.data.get("webhooks")
    new = run.revision.data.get("webhooks")
    old = old if isinstance(old, dict) else {}
    new = new if isinstance(new, dict) else {}
    for name in old:
        if name not in new:
            run.emit("webhook-removed", name, base=pointer("/webhooks", name))
    for name, item in new.items():
        at = pointer("/webhooks", name)
        if name not in old:
            run.emit("webhook-added", name, revision=at)
            continue
        before, before_at = run.base.deref(old[name], at)
        after, after_at = run.revision.deref(item, at)
        if not isinstance(before, dict) or not isinstance(after, dict):
            continue
        for method in METHODS:
            base_op, revision_op = before.get(method), after.get(method)
            if isinstance(base_op, dict) and isinstance(revision_op, dict):
                old_at, new_at = pointer(before_at, method), pointer(after_at, method)
                compare_operations(
                    run,
                    Operation(method, name, base_op, old_at, before, before_at),
                    Operation(method, name, revision_op, new_at, after, after_at),
                )
