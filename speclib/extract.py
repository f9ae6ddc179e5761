"""What the portal catalog shows about a document: info, servers, tags and operations."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from .coerce import SHORT, as_dict, as_list, as_text, charged_text
from .detect import SpecFormat
from .operations import Operation, build_operations
from .refs import Unresolved, unresolved_refs
from .swagger2 import swagger2_servers
from .views import Budget

__all__ = ["DOCUMENT_BUDGET", "Extraction", "Server", "Tag", "extract"]

DOCUMENT_BUDGET = 16_000_000  # about bytes of JSON, for everything extract() copies out
MAX_SERVERS = 100
MAX_TAGS = 1_000


@dataclass(frozen=True, slots=True)
class Server:
    """A base URL the API is served from (for Swagger 2.0, built from host and basePath)."""

    url: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag declared at the top level, in document order."""

    name: str
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """The catalog's view of a document. ``to_dict()`` gives JSON-serialisable data.

    ``unresolved_refs`` lists the ``$ref``s that point outside the document
    (never fetched) or nowhere, each with a reason. ``truncated`` is True when
    operations beyond MAX_OPERATIONS were left out.
    """

    title: str | None
    description: str | None
    api_version: str | None
    servers: list[Server] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)
    operations: list[Operation] = field(default_factory=list)
    unresolved_refs: list[Unresolved] = field(default_factory=list)
    truncated: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Plain dicts and lists; operation details are shared, not copied."""
        return {
            "title": self.title,
            "description": self.description,
            "api_version": self.api_version,
            "servers": [{"url": s.url, "description": s.description} for s in self.servers],
            "tags": [{"name": t.name, "description": t.description} for t in self.tags],
            "operations": [operation.to_dict() for operation in self.operations],
            "unresolved_refs": [{"ref": u.ref, "reason": u.reason} for u in self.unresolved_refs],
            "truncated": self.truncated,
        }


def extract(doc: dict[str, Any], fmt: SpecFormat) -> Extraction:
    """Extract the catalog data. Never raises on odd shapes: junk is skipped or coerced.

    ``doc`` is JSON data (string keys, no cycles) such as load_document returns.

    Every text and schema view copied out is charged to one document budget
    (DOCUMENT_BUDGET, about bytes of JSON), so the result stays bounded even
    when YAML aliases repeat large values many times.
    """
    budget = Budget(DOCUMENT_BUDGET)
    info = as_dict(doc.get("info"))
    title = charged_text(info.get("title"), budget, SHORT)
    description = charged_text(info.get("description"), budget)
    servers = _servers(doc, fmt, budget)
    tags = _tags(doc, budget)
    operations, truncated = build_operations(doc, fmt.family, budget)
    return Extraction(
        title=title,
        description=description,
        api_version=as_text(info.get("version")),
        servers=servers,
        tags=tags,
        operations=operations,
        unresolved_refs=unresolved_refs(doc),
        truncated=truncated,
    )


def _servers(doc: dict[str, Any], fmt: SpecFormat, budget: Budget) -> list[Server]:
    if fmt.family == "2.0":
        return [Server(s["url"], s["description"]) for s in swagger2_servers(doc)]
    servers = []
    for raw in islice(as_list(doc.get("servers")), MAX_SERVERS):
        server = as_dict(raw)
        url = charged_text(server.get("url"), budget, SHORT)
        if url is not None:
            servers.append(Server(url, charged_text(server.get("description"), budget)))
    return servers


def _tags(doc: dict[str, Any], budget: Budget) -> list[Tag]:
    tags = []
    for raw in islice(as_list(doc.get("tags")), MAX_TAGS):
        tag = as_dict(raw)
        name = charged_text(tag.get("name"), budget, SHORT)
        if name is not None:
            tags.append(Tag(name, charged_text(tag.get("description"), budget)))
    return tags
