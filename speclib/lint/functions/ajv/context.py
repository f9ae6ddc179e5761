"""The state of one validation run, and the exceptions that end parts of it early.

Ajv (``allErrors: false``) stops at the first error, except inside ``anyOf``, ``oneOf``,
``contains`` and ``propertyNames``, whose branches each keep their first errors, and inside
``not`` and ``if``, where only validity counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import AjvError

if TYPE_CHECKING:
    from .node import Node

__all__ = ["Context", "Evaluated", "Quick", "Stop"]


class Stop(Exception):
    """The first error outside any branch ends validation (Ajv returns at once)."""


class Quick(Exception):
    """A failure while only validity is wanted (inside ``not`` and ``if``)."""


class Context:
    """The state of one validation: errors so far and the dynamic anchors in scope."""

    __slots__ = ("all_errors", "dynamic", "errors", "failing", "frame", "quick")

    def __init__(
        self, *, all_errors: bool, failing: set[tuple[str | int, ...]] | None = None
    ) -> None:
        self.errors: list[AjvError] = []
        self.all_errors = all_errors
        self.quick = False
        self.dynamic: dict[str, Node] = {}
        self.frame = 0  # where the errors of the running Ajv function start
        # The data paths at or above each error that a faster validator of the same schema
        # found, when one did: outside branches (which set it aside), a node at any other path
        # is valid.
        self.failing = failing

    def call(
        self, node: Node, data: Any, path: tuple[str | int, ...], ev: Evaluated | None
    ) -> bool:
        """Runs ``node`` as Ajv runs a separately compiled schema (a ``$ref`` not inlined): as
        its own function, outside any branch, returning at its first error."""
        memo = node.memo
        if memo is not None and id(data) in memo:
            return True
        saved, self.frame = self.frame, len(self.errors)
        try:
            node.run(data, path, self, False, ev)
        except Stop:
            pass
        finally:
            start, self.frame = self.frame, saved
        valid = len(self.errors) == start
        if valid and memo is not None and isinstance(data, dict | list):
            memo[id(data)] = data
        return valid

    def fail(
        self,
        comp: bool,
        keyword: str,
        path: tuple[str | int, ...],
        schema_path: str,
        params: dict[str, Any],
        message: str,
        parent: Any,
        *,
        append: bool = False,
        visible: bool = True,
    ) -> None:
        if self.quick:
            raise Quick  # a fresh instance: a reused one would pile up tracebacks
        error = AjvError(keyword, path, schema_path, params, message, parent, visible)
        if comp or self.all_errors:
            self.errors.append(error)
            return
        # Outside branches Ajv returns at the first error; a keyword that does not "append"
        # returns its own error alone, dropping what failed branches left behind.
        if not append:
            del self.errors[self.frame :]
        self.errors.append(error)
        raise Stop

    def valid_quick(self, node: Node, data: Any, path: tuple[str | int, ...], ev: Evaluated | None):
        """Whether ``data`` is valid, without errors (Ajv's ``createErrors: false``)."""
        if ev is None and (node.quick_state or node.quick_state is None and node.quickable()):
            return node.valid(data)
        saved, self.quick = self.quick, True
        failing, self.failing = self.failing, None
        try:
            return node.run(data, path, self, True, ev)
        except Quick:
            return False
        finally:
            self.quick = saved
            self.failing = failing


class Evaluated:
    """Properties and items some keyword looked at (for ``unevaluated*``)."""

    __slots__ = ("all_items", "all_props", "items", "props")

    def __init__(self) -> None:
        self.props: set[str] = set()
        self.all_props = False
        self.items = 0
        self.all_items = False

    def merge(self, other: Evaluated) -> None:
        self.props |= other.props
        self.all_props = self.all_props or other.all_props
        self.items = max(self.items, other.items)
        self.all_items = self.all_items or other.all_items
