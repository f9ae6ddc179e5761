"""Which consumers a release's breaking changes reach: those that called, on the base
version, in the last IMPACT_DAYS days, an operation a breaking change touches; each with the
changes to what it calls. Computed with the checks and kept in Release.checks["impact"]."""

from catalog.models import Operation, Version
from usage import selectors as usage

IMPACT_DAYS = 30


def release_impact(*, base: Version | None, changes: list[dict]) -> dict | None:
    """The impact of the blocking changes (level error, not accepted) on the base version's
    consumers, as JSON; None when nothing blocks or there is no base. A document-level change
    (global security, for example) touches every operation, so every caller of the base."""
    blocking = [change for change in changes if change["blocking"]]
    if base is None or not blocking:
        return None
    by_operation: dict[str, list[dict]] = {}
    everywhere = []
    for change in blocking:
        brief = {key: change.get(key) for key in ("id", "level", "text", "operation")}
        if change.get("operation"):
            key = usage.normalise_operation(change["operation"])
            by_operation.setdefault(key, []).append(brief)
        else:
            everywhere.append(brief)
    wanted = set(by_operation)
    if everywhere:
        wanted |= _operations_of(base)
    found = usage.consumers_calling_operations(base, wanted, days=IMPACT_DAYS)
    return {
        "days": IMPACT_DAYS,
        "base": base.version,
        "document_changes": everywhere,
        "consumers": [_consumer(entry, by_operation, everywhere) for entry in found],
        "unidentified_calls": usage.version_unidentified_calls(base, days=IMPACT_DAYS),
    }


def _operations_of(version: Version) -> set[str]:
    rows = Operation.objects.filter(spec_id=version.spec_id).values_list("method", "path")
    return {usage.normalise_operation(row) for row in rows}


def _consumer(entry, by_operation: dict[str, list[dict]], everywhere: list[dict]) -> dict:
    consumer = entry.consumer
    operations = [
        {
            "operation": operation,
            "calls": calls,
            "changes": by_operation.get(usage.normalise_operation(operation), []),
        }
        for operation, calls in sorted(entry.operations.items())
    ]
    touched = {
        (change["id"], change["operation"], change["text"])
        for row in operations
        for change in row["changes"]
    }
    return {
        "id": consumer.pk,
        "slug": consumer.slug,
        "name": consumer.name,
        "team": consumer.team.name,
        "calls": sum(entry.operations.values()),
        "last_seen": entry.last_seen.isoformat() if entry.last_seen else None,
        "operations": operations,
        "change_count": len(touched) + len(everywhere),
    }
