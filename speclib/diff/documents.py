"""The two documents a comparison reads: loaded safely, 2.0 converted, references checked.

Loading goes through :func:`speclib.load_document` with its limits (size, depth, node count:
alias bombs and deep nesting are refused there). Every ``$ref`` must lead somewhere inside
the document before the comparison starts, so a reference to another file or URL (never
fetched), a broken one or a loop of bare references ends with one clear error instead of
surprises halfway through. Cycles *through* schemas (a tree whose nodes hold children of the
same type) are normal and left to the schema comparison's guard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..detect import detect_format
from ..errors import SpecError
from ..loading import DEFAULT_MAX_BYTES, load_document
from ..refs import lookup, ref_of, unresolved_refs
from .swagger2 import convert_swagger2

__all__ = ["Document", "UnresolvedReference", "read_document"]

_REASONS = {
    "external": "points outside the document (the differ never fetches other files or URLs)",
    "missing": "points at nothing in the document",
    "circular": "is part of a loop of references that never reaches a value",
    "unsupported": "is not a JSON pointer",
}


class UnresolvedReference(SpecError):
    """A ``$ref`` the differ cannot follow inside the document: code "unresolved-ref"."""

    def __init__(self, message: str) -> None:
        super().__init__("unresolved-ref", message)


@dataclass(slots=True)
class Document:
    """One side of a comparison: the OpenAPI 3 shaped data and what locating needs."""

    name: str
    raw: bytes
    syntax: str
    family: str  # "2.0", "3.0", "3.1", "3.2" as declared
    data: dict[str, Any]  # OpenAPI 3 shaped (converted from 2.0 when needed)
    original: Any  # the data as written, for source lines
    tape: Any = None  # where a YAML document's nodes were written (speclib.yamltape.Tape)

    def deref(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Follow ``node``'s chain of references: (the value, its pointer as written).

        Safe because :func:`read_document` refused every reference that does not resolve.
        """
        hops = 0
        while (ref := ref_of(node)) is not None and hops < 32:
            target = lookup(self.data, ref)
            if not isinstance(target, (dict, list, str, int, float, bool)) and target is not None:
                break
            node, pointer, hops = target, unquote(ref[1:]), hops + 1
        return node, pointer


def read_document(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Load, check and (for Swagger 2.0) convert one document. Raises SpecError."""
    loaded = load_document(data, max_bytes=max_bytes, positions=True)
    spec_format = detect_format(loaded.data)
    problems = unresolved_refs(loaded.data, limit=1)
    if problems:
        problem = problems[0]
        raise UnresolvedReference(
            f"{name}: the reference {problem.ref!r} {_REASONS[problem.reason]}."
        )
    converted = loaded.data
    if spec_format.family == "2.0":
        converted = convert_swagger2(loaded.data)
    return Document(
        name, data, loaded.syntax, spec_format.family, converted, loaded.data, loaded.tape
    )
