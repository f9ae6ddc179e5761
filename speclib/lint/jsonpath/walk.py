"""Run many JSONPath queries over a document in ONE walk, as Spectral's nimma does.

Every query is a list of steps; a *state* is "query q, waiting for step i". Walking down from
the root, each node carries the set of states alive at it. The transition from a node's state
set to a child's depends only on the child's key, except for filter steps, so it is computed
once per (state set, key) and cached; filters are checked only on children that pass their
cheap pre-checks (the keys they require). A descendant step (``..``) keeps its state alive in
every child, which is how recursive descent costs no second walk.

With ``dedupe=True`` (the resolved document, whose ``$ref`` targets are shared objects and may
form cycles) a container is entered once per state set, which bounds the walk by the size of
the document rather than the size of its expansion.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .filter import Filter
from .parse import Query, Step

try:
    from . import _walk as _native  # built from _walk.c at install (hatch_build.py)
except ImportError:  # no C compiler where it was installed: the Python loop alone
    _native = None

__all__ = ["Automaton", "Match"]

Match = tuple[int, tuple[str | int, ...], Any]  # (query index, path, value)
_NO_SET = -1
_OTHER_KEY: Any = object()  # stands for "a key no step names", to compute a table's default


class _Table:
    """The transitions out of one state set; most keys share ``default``."""

    __slots__ = ("by_key", "default", "idle", "positional", "special", "states")

    def __init__(self, states: frozenset[int], special: frozenset[str], positional: bool) -> None:
        self.states = states
        self.special = special  # keys that a name step or a filter's property check singles out
        self.positional = positional  # array children need their index (index or slice steps)
        self.by_key: dict[str | int, tuple] = {}
        self.default: tuple | None = None
        # What a child under a key no step names yields: 0 something, 1 nothing for a
        # scalar (no match, and checks only on objects), 2 nothing at all.
        self.idle = 0

    def set_default(self, entry: tuple) -> None:
        self.default = entry
        child_set, matched, checks, guards, _ = entry
        if not matched and (not checks or guards is not None):
            self.idle = 2 if child_set == _NO_SET and not checks else 1


class Automaton:
    """Compiled queries; ``run(document)`` returns the matches of every query."""

    def __init__(self, queries: Sequence[Query]) -> None:
        self.queries = list(queries)
        self.state_of: list[tuple[int, int]] = []
        self.first_state: list[int] = []
        index: dict[tuple[int, int], int] = {}
        for q, query in enumerate(self.queries):
            for i in range(len(query.steps)):
                index[(q, i)] = len(self.state_of)
                self.state_of.append((q, i))
            self.first_state.append(index.get((q, 0), _NO_SET))
        self._index = index
        self._set_ids: dict[frozenset[int], int] = {}
        self._tables: list[_Table] = []

    def _intern(self, states: frozenset[int]) -> int:
        if not states:
            return _NO_SET
        set_id = self._set_ids.get(states)
        if set_id is None:
            set_id = len(self._tables)
            self._set_ids[states] = set_id
            steps = [self._step(state) for state in states]
            special: set[str] = set()
            positional = False
            for step in steps:
                special |= step.names
                if step.filter is not None and step.filter.properties is not None:
                    special |= step.filter.properties
                if step.negative or step.slice is not None:
                    positional = True
            positional = positional or any(name.isdigit() for name in special)
            table = _Table(states, frozenset(special), positional)
            self._tables.append(table)
            table.set_default(self._transition(table, _OTHER_KEY, 0))
        return set_id

    def _step(self, state: int) -> Step:
        q, i = self.state_of[state]
        return self.queries[q].steps[i]

    def _advance(self, state: int) -> tuple[int, int]:
        """(next state or _NO_SET, matched query or _NO_SET) once ``state``'s step matched."""
        q, i = self.state_of[state]
        if i + 1 == len(self.queries[q].steps):
            return _NO_SET, q
        return self._index[(q, i + 1)], _NO_SET

    def _transition(self, table: _Table, key: Any, length: int) -> tuple:
        """(child state set, matched queries, filter checks, keys the checks need) for ``key``."""
        nxt: set[int] = set()
        matched: list[int] = []
        checks: list[tuple] = []
        for state in sorted(table.states):
            step = self._step(state)
            if step.descendant:
                nxt.add(state)
            if step.filter is not None:
                allowed = step.filter.properties
                if allowed is None or key in allowed:
                    checks.append((step.filter, *self._advance(state), _prechecks(step.filter)))
                continue
            if key is not _OTHER_KEY and not _selects(step, key, length):
                continue
            if key is _OTHER_KEY and not step.wildcard:
                continue
            following, query = self._advance(state)
            if following != _NO_SET:
                nxt.add(following)
            else:
                matched.append(query)
        keys_needed: frozenset[str] | None = frozenset()
        for check in checks:
            keys = check[0].keys
            keys_needed = None if keys is None or keys_needed is None else keys_needed | keys
        # A tuple: the walk tries them one by one on a child (sorted, for the same order on
        # every run).
        guards = None if keys_needed is None else tuple(sorted(keys_needed))
        # One check's first string test (``@.type == "array"``), for the walk to try before
        # calling it: it fails on most candidates.
        sieve = checks[0][0].values[0] if len(checks) == 1 and checks[0][0].values else None
        return self._intern(frozenset(nxt)), tuple(matched), tuple(checks), guards, sieve

    def _with(self, set_id: int, extra: list[int]) -> int:
        states = self._tables[set_id].states if set_id != _NO_SET else frozenset()
        return self._intern(states.union(extra))

    def _entry(self, table: _Table, key: str | int, length: int) -> tuple:
        if type(key) is str:
            if key not in table.special:
                return table.default
        elif not table.positional:
            return table.default
        entry = table.by_key.get(key)
        if entry is None:
            entry = self._transition(table, key, length)
            if type(key) is str:
                table.by_key[key] = entry
        return entry

    def run(self, root: Any, *, dedupe: bool = False, python: bool = False) -> list[list[tuple]]:
        """Walk ``root`` once; returns, per query, its matches as (path, value) pairs.

        The loop below runs compiled (``_walk.c``, the same steps in the same order) where
        that module was built, unless ``python`` asks for this one, the reference."""
        results: list[list[tuple]] = [[] for _ in self.queries]
        for q, query in enumerate(self.queries):
            if not query.steps:
                results[q].append(((), root))
        start = self._intern(frozenset(s for s in self.first_state if s != _NO_SET))
        if start == _NO_SET or not isinstance(root, dict | list):
            return self._finish(results, root)
        if _native is not None and not python and type(root) in (dict, list):
            _native.run(self._tables, self._entry, self._with, root, start, results, dedupe)
            return self._finish(results, root)
        tables = self._tables
        entry_of = self._entry
        seen: set[tuple[int, int]] = set()
        stack: list[tuple[Any, tuple, int]] = [(root, (), start)]
        while stack:
            node, path, set_id = stack.pop()
            table = tables[set_id]
            parent_key = path[-1] if path else None
            length = len(node)
            is_dict = type(node) is dict
            special = table.special
            default = table.default
            idle = table.idle
            if idle == 2 and not (special if is_dict else table.positional):
                continue  # no child of this node can match or lead to a match
            positional = table.positional
            items = node.items() if is_dict else enumerate(node)
            for key, child in items:
                if key in special if is_dict else positional:
                    entry = entry_of(table, key, length)
                elif idle and (idle == 2 or (type(child) is not dict and type(child) is not list)):
                    continue  # a scalar (or anything, when idle is 2) that yields nothing
                else:
                    entry = default
                child_set, matched, checks, guards, sieve = entry
                if (
                    checks
                    and (
                        # keys().isdisjoint looks the few guards up in the dict, not the reverse
                        guards is None
                        or (type(child) is dict and not child.keys().isdisjoint(guards))
                    )
                    and (
                        sieve is None
                        or type(held := child.get(sieve[0])) is not str
                        or held in sieve[1]
                    )
                ):
                    child_set, matched = self._check(
                        checks, child_set, matched, (child, key, node, parent_key, path, root)
                    )
                if matched:
                    child_path = (*path, key)
                    for q in matched:
                        results[q].append((child_path, child))
                if child_set != _NO_SET and (type(child) is dict or type(child) is list):
                    if dedupe:
                        marker = (id(child), child_set)
                        if marker in seen:
                            continue
                        seen.add(marker)
                    stack.append((child, (*path, key), child_set))
        return self._finish(results, root)

    def _check(self, checks: tuple, child_set: int, matched: tuple, scope: tuple) -> tuple:
        child, key, node, parent_key, path, root = scope
        extra: list[int] = []
        found: list[int] = []
        for test_filter, following, query, _ in checks:
            keys = test_filter.keys
            if keys is not None and (type(child) is not dict or child.keys().isdisjoint(keys)):
                continue  # the usual rejection, inlined
            more = test_filter.more_keys or test_filter.values
            if more and not test_filter.passes_prechecks(child):
                continue
            child_path = (*path, key) if test_filter.uses_path else None
            if test_filter.test(child, key, node, parent_key, child_path, root):
                if following != _NO_SET:
                    extra.append(following)
                else:
                    found.append(query)
        if extra:
            child_set = self._with(child_set, extra)
        if found:
            matched = (*matched, *found)
        return child_set, matched

    def _finish(self, results: list[list[tuple]], root: Any) -> list[list[tuple]]:
        """Apply the trailing ``~`` (key) and ``^`` (parent) of each query."""
        for q, query in enumerate(self.queries):
            if query.parent:
                seen: dict[tuple, None] = {}
                for path, _ in results[q]:
                    seen.setdefault(path[:-1], None)
                results[q] = [(path, _value_at(root, path)) for path in seen]
            if query.key:
                results[q] = [(path, path[-1] if path else None) for path, _ in results[q]]
        return results


def _prechecks(test_filter: Filter) -> tuple:
    """What the compiled walk reads of a filter for each candidate node, read once: its key
    groups as tuples (the walk tries them one by one; a set it would have to iterate), its
    string tests, its conditions and whether its test reads the path (the test itself it
    reads when it calls it: the first call compiles it)."""
    keys = test_filter.keys
    return (
        None if keys is None else tuple(sorted(keys)),
        tuple(tuple(sorted(group)) for group in test_filter.more_keys),
        test_filter.values,
        test_filter.conditions,
        test_filter.uses_path,
    )


def _selects(step: Step, key: str | int, length: int) -> bool:
    if step.wildcard:
        return True
    if type(key) is str:
        return key in step.names
    if str(key) in step.names:
        return True
    if step.negative and key - length in step.negative:
        return True
    if step.slice is not None:
        start, stop, stride = step.slice
        return key in range(length)[slice(start, stop, stride)]
    return False


def _value_at(root: Any, path: tuple) -> Any:
    node = root
    for segment in path:
        node = node[segment]
    return node
