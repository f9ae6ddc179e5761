"""The one call the portal makes: bytes in, everything the catalog needs out."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .detect import SpecFormat, detect_format
from .extract import Extraction, extract
from .loading import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_NODES,
    LoadedDocument,
    load_document,
)

__all__ = ["ParsedSpec", "parse_spec"]


@dataclass(frozen=True, slots=True)
class ParsedSpec:
    """A loaded document, its format and what the catalog extracts from it."""

    document: LoadedDocument
    format: SpecFormat
    extraction: Extraction

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable summary: the extraction plus format and file facts (not the data)."""
        return {
            "syntax": self.document.syntax,
            "size": self.document.size,
            "sha256": self.document.sha256,
            "family": self.format.family,
            "declared": self.format.declared,
            **self.extraction.to_dict(),
        }


def parse_spec(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
) -> ParsedSpec:
    """Load, detect and extract. Raises SpecError (and only SpecError) for refused input."""
    document = load_document(data, max_bytes=max_bytes, max_depth=max_depth, max_nodes=max_nodes)
    spec_format = detect_format(document.data)
    return ParsedSpec(document, spec_format, extract(document.data, spec_format))
