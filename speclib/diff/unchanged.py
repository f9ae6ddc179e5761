"""Which parts of a document pair are plainly unchanged, so the comparison can skip them.

A value is unchanged when it is equal on both sides as written and no ``$ref`` reachable from
it (through other references, transitively) leads to a changed value. The changed references
are found once per run: those whose targets differ, then every reference whose target holds
one of them, and so on (cycles included). Equality of plain JSON values runs at C speed, so a
10 MB pair where a release touched a few operations is compared in a fraction of the time.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..refs import lookup, ref_of

__all__ = ["Unchanged"]


def refs_in(node: Any) -> set[str]:
    """The references written inside ``node`` (not followed)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if type(current) is dict:
            ref = ref_of(current)
            if ref is not None:
                found.add(ref)
            stack.extend(v for v in current.values() if type(v) is dict or type(v) is list)
        elif type(current) is list:
            stack.extend(v for v in current if type(v) is dict or type(v) is list)
    return found


class Unchanged:
    """The changed references of a document pair, and a test for unchanged values."""

    def __init__(self, base_doc: Any, revision_doc: Any) -> None:
        self.known, self.changed = _changed_refs(base_doc, revision_doc)

    def same(self, base: Any, revision: Any) -> bool:
        """Whether ``base`` and ``revision`` are equal, references included.

        A reference that does not point at a component (rare) counts as changed: the full
        comparison then decides.
        """
        if base != revision:
            return False
        if not isinstance(base, (dict, list)):
            return True
        refs = refs_in(base)
        return refs <= self.known and self.changed.isdisjoint(refs)


def _component_refs(doc: Any) -> set[str]:
    """A reference to every component of ``doc`` ("#/components/schemas/Pet"...)."""
    components = doc.get("components") if isinstance(doc, dict) else None
    found: set[str] = set()
    if not isinstance(components, dict):
        return found
    for kind, entries in components.items():
        if isinstance(entries, dict):
            for name in entries:
                found.add(f"#/components/{kind}/{name.replace('~', '~0').replace('/', '~1')}")
    return found


def _changed_refs(base_doc: Any, revision_doc: Any) -> tuple[set[str], set[str]]:
    """(the references examined, those leading to a changed value)."""
    pending = list(_component_refs(base_doc) | _component_refs(revision_doc))
    holders: dict[str, set[str]] = defaultdict(set)  # ref -> the refs whose targets hold it
    seen: set[str] = set()
    changed: set[str] = set()
    while pending:
        ref = pending.pop()
        if ref in seen:
            continue
        seen.add(ref)
        base, revision = lookup(base_doc, ref), lookup(revision_doc, ref)
        differs = base != revision or type(base) is not type(revision)
        if differs:
            changed.add(ref)
        inner = refs_in(base) if isinstance(base, (dict, list)) else set()
        if differs and isinstance(revision, (dict, list)):
            inner |= refs_in(revision)
        for target in inner:
            holders[target].add(ref)
            if target not in seen:
                pending.append(target)
    spread = list(changed)
    while spread:
        for holder in holders.pop(spread.pop(), ()):
            if holder not in changed:
                changed.add(holder)
                spread.append(holder)
    return seen, changed
