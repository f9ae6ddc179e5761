"""What the differ reports: changes with oasdiff's rule ids, levels and both sides' locations."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Level(enum.IntEnum):
    """How much a change matters to consumers; ordered so that ``max()`` is the worst."""

    INFO = 1  # changelog only
    WARNING = 2  # may break a consumer
    ERROR = 3  # breaks a consumer

    @property
    def label(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Location:
    """Where a change sits in one document: a JSON pointer and, when known, its source line."""

    source: str  # the document's name as given (a file name, or "base"/"revision")
    pointer: str  # RFC 6901, into the document as written (before $ref resolution)
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between two documents, under a stable rule id (oasdiff's where it exists)."""

    id: str
    level: Level
    text: str
    operation: str | None = None  # "GET /pets/{id}", None for document-level changes
    base: Location | None = None
    revision: Location | None = None
    args: dict[str, object] = field(default_factory=dict)  # the values the text was made from
    ignored_because: str | None = None  # set when an ignore entry accepted this change

    @property
    def blocking(self) -> bool:
        return self.level is Level.ERROR and self.ignored_because is None
