"""The per-operation state of detail building: the document and what may still be emitted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .coerce import LONG, as_dict, charged_text, charged_texts
from .refs import follow
from .views import Budget, deref_view

__all__ = ["ENTRY_COST", "MAX_MEDIA_TYPES", "SCHEMA_DEPTH", "VIEW_STRING", "DetailContext"]

SCHEMA_DEPTH = 6
VIEW_STRING = 500  # characters of a description inside a schema view
MAX_MEDIA_TYPES = 10  # per content map: real ones have one to five
ENTRY_COST = 48  # the fixed part of a parameter or response entry, in bytes of JSON


@dataclass(slots=True)
class DetailContext:
    """The document and the budget that detail builders charge.

    ``budget`` is usually the operation's share, whose parent is the document's
    budget; ``truncated`` records that an entry was left out because it ran out.
    """

    doc: dict[str, Any]
    budget: Budget
    truncated: bool = False

    def view(self, schema: Any) -> Any:
        """The bounded, dereferenced view of a schema (None stays None)."""
        if schema is None:
            return None
        return deref_view(
            self.doc, schema, max_depth=SCHEMA_DEPTH, budget=self.budget, max_string=VIEW_STRING
        )

    def shared_view(self, schema: Any, media_types: list[str]) -> dict[str, Any]:
        """{media type: view}, with one view computed for all media types.

        Each extra copy is still charged, because each is stored (a truncation
        marker replaces a copy that does not fit).
        """
        before = self.budget.remaining
        view = self.view(schema)
        size = before - self.budget.remaining
        content: dict[str, Any] = {}
        for index, media_type in enumerate(media_types[:MAX_MEDIA_TYPES]):
            if not self.room(len(media_type)):
                break
            if index and not self.budget.affords(size):
                content[media_type] = {"x-truncated": True}
                continue
            if index:
                self.budget.charge(size)
            content[media_type] = view
        return content

    def text(self, value: Any, limit: int = LONG) -> str | None:
        """A text for the detail, charged (a short preview once the budget is spent)."""
        return charged_text(value, self.budget, limit)

    def texts(self, value: Any, limit: int, max_items: int) -> list[str]:
        """Texts for the detail, charged; fewer once the budget is spent."""
        return charged_texts(value, self.budget, limit, max_items)

    def room(self, key_size: int = 0) -> bool:
        """Whether one more entry (with a key of ``key_size``) may be started.

        Charges the entry if so; records the truncation if not.
        """
        if self.budget.spent:
            self.truncated = True
            return False
        self.budget.charge(ENTRY_COST + key_size)
        return True

    def resolve(self, node: Any) -> tuple[dict[str, Any], dict[str, Any]]:
        """Follow local refs: (target object or {}, unresolved marker or {})."""
        target, problem = follow(self.doc, node)
        if problem is not None:
            return {}, {"$ref": problem.ref, "x-unresolved": problem.reason}
        return as_dict(target), {}
