"""One comparison's state: the two documents, the options and the changes found so far."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .documents import Document
from .model import Change, Location
from .options import DiffOptions
from .rules import catalogue, format_text, rule
from .schemas import SchemaContext, SchemaSite, schema_changes
from .unchanged import Unchanged

__all__ = ["Operation", "Run", "pointer"]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace", "query")


def pointer(base: str, *tokens: str | int) -> str:
    """``base`` extended by ``tokens`` (escaped as RFC 6901 asks)."""
    escaped = (str(token).replace("~", "~0").replace("/", "~1") for token in tokens)
    return "/".join((base, *escaped))


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of one document: its method, path as written, nodes and pointers."""

    method: str
    path: str
    node: dict[str, Any]
    pointer: str
    item: dict[str, Any]  # the path item, references followed
    item_pointer: str

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"


class Run:
    """Collects the changes of one comparison; checks call :meth:`emit`."""

    def __init__(self, base: Document, revision: Document, options: DiffOptions) -> None:
        self.base = base
        self.revision = revision
        self.options = options
        self.today = options.today or date.today()
        self.changes: list[Change] = []
        self.checks: list[str] = []  # the oasdiff check each change came from, for include_checks
        # One context for the whole run: its schema tree cache serves every site of the pair.
        self.schema_context = SchemaContext(
            options=options,
            base_doc=base.data,
            revision_doc=revision.data,
            base_name=base.name,
            revision_name=revision.name,
        )
        self.stability = ""  # the x-stability-level of the operation being compared
        self.unchanged = Unchanged(base.data, revision.data)

    def emit(
        self,
        rule_id: str,
        *values: object,
        operation: str | None = None,
        base: str | None = None,
        revision: str | None = None,
        check: str | None = None,
    ) -> None:
        """Record a change under ``rule_id``; ``values`` fill the rule's message in order.

        ``check`` names the oasdiff check reporting it when that is not the rule's usual one
        (some ids, such as the sunset parse errors, are shared by several checks).
        """
        found = rule(rule_id)
        self.checks.append(check or found.check)
        self.changes.append(
            Change(
                rule_id,
                found.level,
                format_text(found.template, values),
                operation,
                None if base is None else Location(self.base.name, base),
                None if revision is None else Location(self.revision.name, revision),
                {"values": list(values)},
            )
        )

    def compare_schemas(
        self, operation: str | None, base: object, revision: object, site: SchemaSite
    ) -> None:
        """Hand a pair of schemas to the schema comparison (unless they are plainly the same)."""
        if self.unchanged.same(base, revision):
            return
        ctx = self.schema_context
        ctx.operation = operation
        ctx.stability = self.stability
        for change in schema_changes(ctx, base, revision, site=site):
            self.changes.append(change)
            known = catalogue().get(change.id)
            self.checks.append(known.check if known else "")
