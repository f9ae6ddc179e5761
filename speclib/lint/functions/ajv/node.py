"""A compiled schema: its keywords' checks in Ajv's order, and a verdict-only fast path.

A node runs its keywords by Ajv's groups: an early type check, the keywords for any type,
then those for numbers, strings, arrays and objects, stopping as Ajv stops.
"""

from __future__ import annotations

from typing import Any

from .context import Context, Evaluated

__all__ = ["Node", "quick_groups"]


class Node:
    """One compiled schema (object or boolean)."""

    __slots__ = (
        "always_valid",
        "base",
        "dynamic_anchor",
        "env_root",
        "false_schema",
        "groups",
        "children",
        "dynamic",
        "local_ev",
        "memo",
        "quick_groups",
        "quick_state",
        "post",
        "pre_check",
        "pre_types",
        "schema",
        "spath",
        "type_message",
        "type_param",
        "visible",
    )

    def __init__(self, schema: Any, spath: str, base: str) -> None:
        self.schema = schema
        self.spath = spath
        self.base = base
        self.env_root: Node = self
        self.always_valid = False
        self.false_schema = False
        self.pre_types: list[str] | None = None
        self.pre_check: Any = None  # fast test of pre_types
        self.groups: list[tuple[str | None, list[Any], bool]] = []
        self.post: Any = None
        self.dynamic_anchor: str | None = None
        self.local_ev = False
        self.type_message = ""
        self.type_param: Any = None
        # Whether Spectral's walk down the schema path reaches this schema (it stops at arrays
        # such as allOf): only then does ``nullable`` widen its type errors.
        self.visible = True
        self.memo: dict[int, Any] | None = None  # data known valid (meta-schemas keep one)
        self.children: list[Node] = []  # the nodes this one runs (subschemas and references)
        # Dynamic scopes and unevaluated* need the full run; quick_groups hold the keywords'
        # verdicts alone, and quick_state whether everything reachable can use them.
        self.dynamic = False
        self.quick_groups: list[tuple[Any, list[Any], bool]] | None = None
        self.quick_state: bool | None = None

    def run(
        self,
        data: Any,
        path: tuple[str | int, ...],
        ctx: Context,
        comp: bool,
        ev: Evaluated | None,
    ) -> bool:
        if self.always_valid:
            return True
        if self.false_schema:
            ctx.fail(
                comp,
                "false schema",
                path,
                self.spath + "/false schema",
                {},
                "boolean schema is false",
                False,
            )
            return False
        # Most data is valid: one verdict-only pass, and no errors to collect.
        quick = ev is None and (self.quick_state or self.quick_state is None and self.quickable())
        failing = ctx.failing
        if (
            failing is not None
            and ev is None
            and (self.dynamic_anchor is None or self.dynamic_anchor in ctx.dynamic)
        ):
            # Reached outside any branch (anyOf, oneOf, not, if... set ``failing`` aside),
            # where an error always shows at or below the data it is about: with none there,
            # the data is valid; with one, it is not, so the verdict-only pass would be wasted.
            if path not in failing:
                return True
            quick = False
        if quick and self.valid(data):
            return True
        errors = ctx.errors
        start = len(errors)
        if self.dynamic_anchor is not None and self.dynamic_anchor not in ctx.dynamic:
            ctx.dynamic[self.dynamic_anchor] = self
        local = Evaluated() if self.local_ev else ev
        if self.pre_check is not None and not self.pre_check(data):
            self.type_error(data, path, ctx, comp)
        all_errors = ctx.all_errors
        for applies, checks, type_error in self.groups:
            if applies is None or applies(data):
                if len(checks) == 1:
                    checks[0](data, path, ctx, comp, local)
                else:
                    for check in checks:
                        before = len(errors)
                        check(data, path, ctx, comp, local)
                        if not all_errors and len(errors) > before:
                            break
            elif type_error:
                self.type_error(data, path, ctx, comp)
            if not all_errors and len(errors) > start:
                return False
        if self.post is not None:
            self.post(data, path, ctx, start)
        if local is not ev and ev is not None:
            ev.merge(local)
        return len(errors) == start

    def quickable(self) -> bool:
        """Whether no node reachable from this one needs dynamic scopes or evaluated tracking."""
        if self.quick_state is not None:
            return self.quick_state
        seen = {id(self)}
        stack = [self]
        while stack:
            node = stack.pop()
            if node.quick_state is True:
                continue
            if node.dynamic or node.quick_state is False:
                self.quick_state = False
                return False
            for child in node.children:
                if id(child) not in seen:
                    seen.add(id(child))
                    stack.append(child)
        # Everything reachable from here is free of them, so from each of those nodes too.
        for node in _reachable(self):
            node.quick_state = True
        return True

    def valid(self, data: Any) -> bool:
        """The verdict alone (no errors), as fast as possible; the same as ``run``'s."""
        if self.always_valid:
            return True
        if self.false_schema:
            return False
        if not (self.quick_state or self.quick_state is None and self.quickable()):
            ctx = Context(all_errors=False)
            return ctx.valid_quick(self, data, (), None)
        if self.pre_check is not None and not self.pre_check(data):
            return False
        for applies, tests, type_error in self.quick_groups:
            if applies is None or applies(data):
                for test in tests:
                    if not test(data):
                        return False
            elif type_error:
                return False
        return True

    def type_error(self, data: Any, path: tuple[str | int, ...], ctx: Context, comp: bool) -> None:
        ctx.fail(
            comp,
            "type",
            path,
            self.spath + "/type",
            {"type": self.type_param},
            self.type_message,
            self.schema,
            visible=self.visible,
        )


def quick_groups(node: Node) -> list[tuple[Any, list[Any], bool]] | None:
    groups = []
    for applies, checks, type_error in node.groups:
        tests = [getattr(check, "quick", None) for check in checks]
        if any(test is None for test in tests):
            node.dynamic = True  # a keyword without a verdict-only form: use the full run
            return None
        groups.append((applies, tests, type_error))
    return groups


def _reachable(start: Node) -> list[Node]:
    seen = {id(start)}
    order, stack = [], [start]
    while stack:
        node = stack.pop()
        order.append(node)
        for child in node.children:
            if id(child) not in seen:
                seen.add(id(child))
                stack.append(child)
    return order
