"""Pairing the members of ``allOf``/``anyOf``/``oneOf``/``prefixItems`` lists across two sides.

Members are paired, in order of preference, by the same ``$ref``; inline members by identical
content, then by the same title; and when exactly one untitled inline member is left on each
side, those two. Paired members that differ are "modified" (and their diff is walked like a
property's), the rest are added or deleted. So editing one alternative of a ``oneOf`` reads
as that alternative changing, not as one removed and another added.
"""

from __future__ import annotations

from typing import Any, Protocol

from .schema_resolve import Resolved
from .schema_tree import ListDiff, SchemaDiff, Subschema

__all__ = ["match_members"]

_ANNOTATIONS = frozenset({"title", "description", "example", "examples", "$comment"})


class _Comparer(Protocol):
    def compare_resolved(
        self, left: Resolved | None, right: Resolved | None, base_pointer: str, rev_pointer: str
    ) -> SchemaDiff | None: ...


def match_members(
    differ: _Comparer, left: list[Resolved | None], right: list[Resolved | None]
) -> ListDiff:
    """The ListDiff of two member lists (None members, broken refs, are skipped)."""
    result = ListDiff()
    pairs: list[tuple[int, int]] = []
    free_left = [index for index, member in enumerate(left) if member is not None]
    free_right = [index for index, member in enumerate(right) if member is not None]
    _pair_by(pairs, free_left, free_right, lambda i, j: _same_ref(left[i], right[j]))
    inline_left = [i for i in free_left if left[i].ref is None]  # type: ignore[union-attr]
    inline_right = [j for j in free_right if right[j].ref is None]  # type: ignore[union-attr]
    identical = _pair_by(
        [], inline_left, inline_right, lambda i, j: _compare(differ, left[i], right[j]) is None
    )
    for i, j in identical:
        free_left.remove(i)
        free_right.remove(j)
    _pair_by(pairs, free_left, free_right, lambda i, j: _same_title(left[i], right[j]))
    lone_left = [i for i in free_left if left[i].ref is None]  # type: ignore[union-attr]
    lone_right = [j for j in free_right if right[j].ref is None]  # type: ignore[union-attr]
    if len(lone_left) == len(lone_right) == 1 and _untitled(
        left[lone_left[0]], right[lone_right[0]]
    ):
        pairs.append((lone_left[0], lone_right[0]))
        free_left.remove(lone_left[0])
        free_right.remove(lone_right[0])
    # A member moved between inline and a component (or back) with the same meaning is no change.
    _pair_by([], free_left, free_right, lambda i, j: _refactored(differ, left[i], right[j]))
    for i, j in pairs:
        diff = _compare(differ, left[i], right[j])
        if diff is not None:
            result.modified.append((_name(left[i], i), _name(right[j], j), diff))
    result.deleted = [_name(left[i], i) for i in free_left]
    result.added = [_name(right[j], j) for j in free_right]
    return result


def _pair_by(
    pairs: list[tuple[int, int]], free_left: list[int], free_right: list[int], same: Any
) -> list[tuple[int, int]]:
    """Pair each free left index with the first free right one ``same`` accepts."""
    found: list[tuple[int, int]] = []
    for i in list(free_left):
        for j in free_right:
            if same(i, j):
                found.append((i, j))
                free_left.remove(i)
                free_right.remove(j)
                break
    pairs.extend(found)
    return found


def _compare(differ: _Comparer, left: Resolved | None, right: Resolved | None) -> SchemaDiff | None:
    assert left is not None and right is not None
    return differ.compare_resolved(left, right, left.pointer, right.pointer)


def _same_ref(left: Resolved | None, right: Resolved | None) -> bool:
    return left is not None and right is not None and left.ref is not None and left.ref == right.ref


def _same_title(left: Resolved | None, right: Resolved | None) -> bool:
    if left is None or right is None or left.ref is not None or right.ref is not None:
        return False
    title = left.schema.get("title")
    return bool(title) and title == right.schema.get("title")


def _untitled(left: Resolved | None, right: Resolved | None) -> bool:
    return (
        left is not None
        and right is not None
        and not left.schema.get("title")
        and not (right.schema.get("title"))
    )


def _refactored(differ: _Comparer, left: Resolved | None, right: Resolved | None) -> bool:
    if left is None or right is None or (left.ref is None) == (right.ref is None):
        return False
    diff = _compare(differ, left, right)
    return diff is None or (
        not (diff.single or diff.lists or diff.maps) and diff.values.keys() <= _ANNOTATIONS
    )


def _name(member: Resolved | None, index: int) -> Subschema:
    assert member is not None
    title = member.schema.get("title")
    return Subschema(index, member.ref, title if isinstance(title, str) else None)
