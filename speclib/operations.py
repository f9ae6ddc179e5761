"""Enumerate the operations of a document: (method, path, path item, operation object)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .coerce import SHORT, as_dict, charged_text, charged_texts, is_extension
from .context import DetailContext
from .detail import oas3_detail
from .refs import follow, ref_of
from .swagger2 import swagger2_detail
from .views import Budget

__all__ = [
    "HTTP_METHODS",
    "MAX_OPERATIONS",
    "Operation",
    "build_operations",
    "iter_operations",
]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# The size (about bytes of JSON) of all operations' details together,
# shared out evenly: a small API gets rich detail, a 10,000-operation API a
# shallower one. The document's own budget (see extract.py) is the hard cap.
OPERATIONS_BUDGET = 4_000_000
BUDGET_PER_OPERATION = (1_000, 32_000)  # (floor, ceiling)
MAX_OPERATIONS = 20_000  # Microsoft Graph, the largest known, has about 11,400


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation as the catalog shows it.

    ``method`` is upper-case; ``detail`` holds ``parameters``, ``request_body``,
    ``responses``, ``security`` and ``truncated`` (see detail.py).
    """

    method: str
    path: str
    operation_id: str | None
    summary: str | None
    description: str | None
    tags: list[str] = field(default_factory=list)
    deprecated: bool = False
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (shares ``detail``, no deep copy)."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def iter_operations(doc: dict[str, Any], family: str) -> Iterator[tuple[str, str, dict, dict]]:
    """Yield (METHOD, path, path item, operation) in document order.

    Skips ``x-`` keys and anything that is not an operation object. OpenAPI 3.2
    adds the ``query`` method and the ``additionalOperations`` map.
    """
    methods = (*HTTP_METHODS, "query") if family == "3.2" else HTTP_METHODS
    for path, raw_item in as_dict(doc.get("paths")).items():
        if is_extension(path):
            continue
        item = _path_item(doc, raw_item)
        for method in methods:
            operation = item.get(method)
            if isinstance(operation, dict):
                yield method.upper(), path, item, operation
        if family == "3.2":
            for method, operation in as_dict(item.get("additionalOperations")).items():
                if isinstance(operation, dict):
                    yield method.upper(), path, item, operation


def _path_item(doc: dict[str, Any], raw: Any) -> dict[str, Any]:
    """A path item with a local ``$ref`` resolved (its own fields win); a remote one is skipped."""
    if ref_of(raw) is None:
        return as_dict(raw)
    target, problem = follow(doc, raw)
    own = {key: value for key, value in raw.items() if key != "$ref"}
    return own if problem is not None else {**as_dict(target), **own}


def build_operations(
    doc: dict[str, Any], family: str, document_budget: Budget
) -> tuple[list[Operation], bool]:
    """Every operation (at most MAX_OPERATIONS) with its bounded detail.

    Returns (operations, whether some were dropped). Each operation's detail gets
    an even share of OPERATIONS_BUDGET; everything is charged to ``document_budget``.
    """
    detail = swagger2_detail if family == "2.0" else oas3_detail
    found = list(islice(iter_operations(doc, family), MAX_OPERATIONS + 1))
    floor, ceiling = BUDGET_PER_OPERATION
    share = min(max(OPERATIONS_BUDGET // max(len(found), 1), floor), ceiling)
    operations = []
    texts = document_budget  # the operation's own texts do not eat into its detail's share
    for method, path, item, raw in found[:MAX_OPERATIONS]:
        operations.append(
            Operation(
                method=charged_text(method, texts, SHORT) or "",
                path=charged_text(path, texts, SHORT) or "",
                operation_id=charged_text(raw.get("operationId"), texts, SHORT),
                summary=charged_text(raw.get("summary"), texts, SHORT),
                description=charged_text(raw.get("description"), texts),
                tags=charged_texts(raw.get("tags"), texts, SHORT, max_items=20),
                deprecated=raw.get("deprecated") is True,
                detail=detail(DetailContext(doc, Budget(share, document_budget)), item, raw),
            )
        )
    return operations, len(found) > MAX_OPERATIONS
