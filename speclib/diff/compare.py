"""The differ's entry point: two documents in, the changes between them out."""

from __future__ import annotations

from dataclasses import replace

from . import endpoints, operation
from .documents import read_document
from .locate import add_lines
from .model import Change
from .options import DiffOptions, DiffResult
from .run import Run

__all__ = ["compare"]


def compare(
    base: bytes,
    revision: bytes,
    *,
    options: DiffOptions | None = None,
    base_name: str = "base",
    revision_name: str = "revision",
) -> DiffResult:
    """The changes from ``base`` to ``revision`` (YAML or JSON; Swagger 2.0 or OpenAPI 3.x).

    Raises :class:`speclib.SpecError` for a document it will not read: over the size, depth
    or alias limits, not OpenAPI, or with a ``$ref`` that does not resolve inside it. Changes
    come worst first, then by operation, then by rule id; ignore entries mark the changes
    they accept (``ignored_because``) rather than drop them.
    """
    options = options or DiffOptions()
    run = Run(
        read_document(base, base_name),
        read_document(revision, revision_name),
        options,
    )
    for base_op, revision_op, whole_path in endpoints.matched_paths(run):
        if revision_op is None:
            endpoints.removed_operation(run, base_op, whole_path=whole_path)
        elif base_op is None:
            run.emit("endpoint-added", operation=revision_op.label, revision=revision_op.pointer)
        else:
            operation.compare_operations(run, base_op, revision_op)
    operation.compare_documents(run)
    changes = _selected(run, options)
    add_lines(changes, run.base, run.revision)
    return DiffResult(_sorted(changes), base_name, revision_name)


def _selected(run: Run, options: DiffOptions) -> list[Change]:
    """The changes the options ask for, with the ignore list applied."""
    selected = []
    for change, check in zip(run.changes, run.checks, strict=True):
        if change.level < options.min_level:
            continue
        if options.include_checks is not None and check not in options.include_checks:
            continue
        accepted = next((entry for entry in options.ignore if entry.matches(change)), None)
        if accepted is not None:
            change = replace(change, ignored_because=accepted.reason)
        selected.append(change)
    return selected


def _sorted(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (-c.level, c.operation or "", c.id))
