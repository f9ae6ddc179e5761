"""Spectral's ``unreferencedReusableObject``: reusable objects (``#/definitions/...``,
``#/components/schemas/...``) that no ``$ref`` points at.

As in Spectral, a reusable object counts as used when any ``$ref`` of the document, or of the
files it references, points exactly at it, wherever that ``$ref`` is (even inside another
unused object or an example).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from ._run import run_state
from .options import OPTIONS

__all__ = ["FUNCTIONS", "referenced_pointers", "unused_in"]


def _document_refs(context: FunctionContext, data: Any, document: Any = None) -> list[str]:
    """The ``$ref`` values in ``data``, from the engine's index of its document when known."""
    refs_of = getattr(context.resolver, "refs_of", None)
    if refs_of is not None and document is not None and document.data is data:
        return [ref for _, ref in refs_of(document)]
    return _refs(data)


def _refs(data: Any) -> list[str]:
    found: list[str] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            ref = node.get("$ref")
            if type(ref) is str:
                found.append(ref)
            stack.extend(value for value in node.values() if type(value) in (dict, list))
        elif type(node) is list:
            stack.extend(value for value in node if type(value) in (dict, list))
    return found


def _decode(fragment: str) -> str:
    return "/".join(
        unquote(part).replace("~1", "/").replace("~0", "~") for part in fragment.split("/")
    )


def referenced_pointers(context: FunctionContext) -> frozenset[str]:
    """Decoded JSON pointers (``#/a/b``) of the root document that some ``$ref`` targets."""
    state = run_state(context)
    known = state.get("referenced")
    if known is not None:
        return known
    refs = set(_document_refs(context, context.raw, getattr(context.resolver, "root", None)))
    # Documents repeat the same references: each distinct one is decoded once.
    pointers = {_decode(ref) for ref in refs if ref.startswith("#")}
    pointers |= _external_pointers(context)
    state["referenced"] = frozenset(pointers)
    return state["referenced"]


def _external_pointers(context: FunctionContext) -> set[str]:
    """Pointers into the root document from the other files of a multi-file description."""
    inventory = context.resolver
    documents = getattr(inventory, "documents", None)
    root = getattr(inventory, "root", None)
    target = getattr(inventory, "target", None)
    if not isinstance(documents, dict) or root is None or target is None:
        return set()
    pointers: set[str] = set()
    for document in list(documents.values()):
        if document is root:
            continue
        for ref in _document_refs(context, document.data, document):
            if ref.startswith("#"):
                continue
            found = target(document, ref)
            if found is not None and found[0] is root:
                pointers.add("#" + "".join(f"/{segment}" for segment in found[2]))
    return pointers


def unused_in(
    objects: dict[str, Any], location: str, context: FunctionContext
) -> list[FunctionResult]:
    used = referenced_pointers(context)
    base = _decode(location)
    prefix = tuple(_decode(segment) for segment in location.lstrip("#").split("/")[1:])
    return [
        FunctionResult("Potential orphaned reusable object has been detected", (*prefix, str(name)))
        for name in objects
        if f"{base}/{name}" not in used
    ]


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


@rule_function(
    "unreferencedReusableObject", options=OPTIONS["unreferencedReusableObject"], accepts=_is_object
)
def unreferenced_reusable_object(target: Any, options: dict[str, Any], context: FunctionContext):
    return unused_in(target, options["reusableObjectsLocation"], context)


FUNCTIONS = {"unreferencedReusableObject": unreferenced_reusable_object}
