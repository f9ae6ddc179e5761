"""The ``$ref``s of a document and the containers that hold them.

The resolved view differs from the raw data only inside containers that hold a ``$ref`` at some
depth, so ``Inventory`` builds it inside those only; the same index lists the references for
``invalid-ref`` and the unused-component rules.
"""

from __future__ import annotations

from typing import Any

from .types import JsonPath

__all__ = ["ref_holders", "scan_refs"]


def scan_refs(data: Any) -> tuple[list[tuple[JsonPath, str]], set[int]]:
    """Every ``$ref`` (path, value), and the ids of the containers that hold one at any depth:
    the resolved view differs from the raw data inside those only. (The reference: Inventory
    indexes documents with the compiled walk of ``$..['$ref']`` and ``ref_holders``, which
    give the same, in the same order.)"""
    found: list[tuple[JsonPath, str]] = []
    holders: set[int] = set()
    # Each entry is (node, key, parent's entry): paths are spelled out for $refs only.
    stack: list[tuple[Any, Any, tuple | None]] = [(data, None, None)]
    while stack:
        entry = stack.pop()
        node = entry[0]
        if type(node) is dict:
            ref = node.get("$ref")
            if type(ref) is str:
                found.append((_entry_path(entry), ref))
                link: tuple | None = entry
                while link is not None and id(link[0]) not in holders:
                    holders.add(id(link[0]))
                    link = link[2]
            stack.extend(
                [
                    (value, key, entry)
                    for key, value in node.items()
                    if type(value) is dict or type(value) is list
                ]
            )
        elif type(node) is list:
            stack.extend(
                [
                    (value, index, entry)
                    for index, value in enumerate(node)
                    if type(value) is dict or type(value) is list
                ]
            )
    return found, holders


def _ref_holders(data: Any, found: list[tuple[JsonPath, str]]) -> set[int]:
    """The ids of the containers on the way from the root to each $ref's object (the
    reference for _resolve.c's ``ref_holders``)."""
    if not found:
        return set()
    holders: set[int] = {id(data)}
    previous: JsonPath = ()
    chain: list[Any] = [data]  # the containers along ``previous``, all in ``holders``
    for path, _ in found:
        shared = 0
        for mine, theirs in zip(path, previous, strict=False):
            if mine != theirs or type(mine) is not type(theirs):
                break
            shared += 1
        del chain[shared + 1 :]
        node = chain[-1]
        for segment in path[shared:]:
            node = node[segment]
            chain.append(node)
            holders.add(id(node))  # those before it are in already
        previous = path
    return holders


try:
    # The same index compiled (_resolve.c, built at install).
    from ._resolve import ref_holders
except ImportError:  # no C compiler where it was installed
    ref_holders = _ref_holders


def _entry_path(entry: tuple) -> JsonPath:
    keys: list[Any] = []
    while entry[2] is not None:
        keys.append(entry[1])
        entry = entry[2]
    return tuple(reversed(keys))
