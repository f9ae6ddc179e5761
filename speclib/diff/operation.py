"""An operation kept in both documents: its lifecycle first, then each part compared.

As in oasdiff, an operation whose revision is still at the draft or alpha stability level
promises nothing yet: only its stability change is reported, not what changed inside it.
"""

from __future__ import annotations

from . import bodies, lifecycle, metadata, parameters, responses, security
from .run import Operation, Run

__all__ = ["compare_documents", "compare_operations"]


def compare_operations(run: Run, base: Operation, revision: Operation) -> None:
    """Every change inside an operation present on both sides."""
    same = run.unchanged.same
    shared = (base.item.get("parameters"), revision.item.get("parameters"))
    if same(base.node, revision.node) and same(*shared):
        return  # most operations of a release: nothing to walk
    stable_enough = _stability(run, base, revision)
    if stable_enough is None:
        return
    _deprecation(run, base, revision)
    if not stable_enough:
        return
    run.stability = lifecycle.stability_of(revision.node)
    parameters.compare_parameters(run, base, revision)
    bodies.compare_request_bodies(run, base, revision)
    responses.compare_responses(run, base, revision)
    security.compare_operation_security(run, base, revision)
    metadata.compare_operation_metadata(run, base, revision)


def compare_documents(run: Run) -> None:
    """The changes outside operations: global security, components, webhooks, tags."""
    security.compare_document_security(run)
    metadata.compare_document_metadata(run)


def _stability(run: Run, base: Operation, revision: Operation) -> bool | None:
    """Report stability changes; whether the operation's contents are compared (None: stop)."""
    where = {"operation": revision.label, "base": base.pointer, "revision": revision.pointer}
    try:
        before = lifecycle.stability_of(base.node)
        after = lifecycle.stability_of(revision.node)
    except lifecycle.InvalidValue as exc:
        run.emit("api-invalid-stability-level", str(exc), **where)
        return None
    threshold = run.options.stability_level
    if threshold is None or lifecycle.stability_rank(before) >= lifecycle.stability_rank(threshold):
        old, new = lifecycle.stability_rank(before), lifecycle.stability_rank(after)
        if new < old:
            run.emit("api-stability-decreased", before or "stable", after or "stable", **where)
        elif new > old and before:
            run.emit("api-stability-increased", before, after or "stable", **where)
    return after not in ("draft", "alpha")


def _deprecation(run: Run, base: Operation, revision: Operation) -> None:
    """APIDeprecationCheck and APISunsetChangedCheck."""
    where = {"operation": revision.label, "base": base.pointer, "revision": revision.pointer}
    was, now = base.node.get("deprecated") is True, revision.node.get("deprecated") is True
    stability = lifecycle.stability_of(revision.node)
    if was and not now:
        run.emit("endpoint-reactivated", **where)
        return
    if not now or stability in ("draft", "alpha"):
        return
    days = lifecycle.notice_days(run.options, stability)
    if was:
        _sunset_changed(run, base, revision, days, where)
        return
    try:
        sunset = lifecycle.sunset_of(revision.node)
    except lifecycle.InvalidValue as exc:
        run.emit("api-deprecated-sunset-parse", str(exc), **where)
        return
    if sunset is None:
        run.emit("api-deprecated-sunset-missing" if days > 0 else "endpoint-deprecated", **where)
    elif sunset < lifecycle.deadline(run.today, days):
        run.emit("api-sunset-date-too-small", sunset.isoformat(), days, **where)
    else:
        run.emit("endpoint-deprecated-with-sunset", sunset.isoformat(), **where)


def _sunset_changed(run: Run, base: Operation, revision: Operation, days: int, where) -> None:
    try:
        before = lifecycle.sunset_of(base.node)
        after = lifecycle.sunset_of(revision.node)
    except lifecycle.InvalidValue as exc:
        run.emit("api-path-sunset-parse", str(exc), check="APISunsetChangedCheck", **where)
        return
    if before is None:
        return
    if after is None:
        run.emit("sunset-deleted", **where)
        return
    if after < before and after < lifecycle.deadline(run.today, days):
        dates = (before.isoformat(), after.isoformat(), before.isoformat(), days)
        run.emit("api-sunset-date-changed-too-small", *dates, **where)
