"""The ``$ref``s of a document and the containers that hold them.

The resolved view differs from the raw data only inside containers that hold a ``$ref`` at some
depth, so ``Inventory`` builds it inside those only; the same index lists the references for
``invalid-ref`` and the unused-component rules. The references come from the walk of
``$..['$ref']`` (the engine's own walk of a root document); this module finds their holders.
"""

from __future__ import annotations

from typing import Any

from .types import JsonPath

__all__ = ["ref_holders"]


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
