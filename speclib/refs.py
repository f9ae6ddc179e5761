"""Resolution of local ``$ref``s (JSON pointers into the same document).

Nothing is ever fetched: a reference to another file or URL is reported as
unresolved with the reason "external", so a hostile document cannot make the
portal open a connection (SSRF) or read a local file.
"""

from __future__ import annotations

from typing import Any, Literal, NamedTuple
from urllib.parse import unquote

__all__ = [
    "Unresolved",
    "follow",
    "lookup",
    "pointer_tokens",
    "ref_of",
    "unresolved_refs",
]

Reason = Literal["external", "missing", "circular", "unsupported"]


class Unresolved(NamedTuple):
    """A ``$ref`` that does not lead to a value inside the document, and why."""

    ref: str
    reason: Reason


def ref_of(node: object) -> str | None:
    """The ``$ref`` string of a Reference-like object, or None."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            return ref
    return None


def pointer_tokens(ref: str) -> tuple[str, ...] | None:
    """Split a local ref (``#/a/b~1c%20d``) into tokens (``("a", "b/c d")``).

    Percent-encoding is decoded first (RFC 6901 section 6), then ``~1`` and
    ``~0``. Returns None for anything that is not a same-document JSON pointer:
    other files and URLs, or plain-name fragments such as ``#foo``.
    """
    if not ref.startswith("#"):
        return None
    pointer = unquote(ref[1:])
    if pointer == "":
        return ()
    if not pointer.startswith("/"):
        return None
    return tuple(token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/"))


def lookup(doc: Any, ref: str) -> Any:
    """The value a single ``$ref`` points at, or an Unresolved (no chain following)."""
    tokens = pointer_tokens(ref)
    if tokens is None:
        return Unresolved(ref, "unsupported" if ref.startswith("#") else "external")
    node = doc
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and _is_index(token, len(node)):
            node = node[int(token)]
        else:
            return Unresolved(ref, "missing")
    return node


def _is_index(token: str, length: int) -> bool:
    """An array index per RFC 6901: ASCII digits, short enough for int() to be cheap."""
    return token.isascii() and token.isdigit() and len(token) <= 18 and int(token) < length


def follow(doc: Any, node: Any, *, max_hops: int = 32) -> tuple[Any, Unresolved | None]:
    """Follow a chain of references from ``node`` to a value that is not a reference.

    Returns (target, None), or (the last reference object reached, Unresolved)
    when the chain leaves the document, breaks, or loops.
    """
    seen: set[str] = set()
    while (ref := ref_of(node)) is not None:
        if ref in seen or len(seen) >= max_hops:
            return node, Unresolved(ref, "circular")
        seen.add(ref)
        target = lookup(doc, ref)
        if isinstance(target, Unresolved):
            return node, target
        node = target
    return node, None


def unresolved_refs(doc: Any, *, limit: int = 200) -> list[Unresolved]:
    """Every distinct ``$ref`` in the document that cannot be resolved locally (at most ``limit``).

    ``doc`` must be acyclic, as load_document's results are. Subtrees shared by
    YAML aliases are walked once per alias: the loader's node limit, which
    counts aliases expanded, bounds this walk too, and skipping a visited-set
    halves its cost on the common, alias-free document.
    """
    refs: dict[str, None] = {}  # ordered set: report in a stable order
    stack = [doc] if isinstance(doc, (dict, list)) else []
    while stack:
        node = stack.pop()
        if type(node) is dict:
            ref = node.get("$ref")
            if type(ref) is str:
                refs[ref] = None
            children = node.values()
        else:
            children = node
        for child in children:
            if type(child) is dict or type(child) is list:
                stack.append(child)
    problems: dict[str, Unresolved] = {}
    for ref in refs:
        problem = follow(doc, {"$ref": ref})[1]
        if problem is not None:
            problems.setdefault(problem.ref, problem)
    return list(problems.values())[:limit]
