"""Spectral's ``schema`` function: the value must be valid against a JSON Schema (drafts 4, 6,
7, 2019-09 or 2020-12), reported as Spectral reports it.

Validation follows Ajv, the validator Spectral runs (see ``ajv``): the first error only unless
``allErrors`` is set, Ajv's messages reworded by better-ajv-errors, and a schema Ajv cannot
compile reported with Ajv's reason at the value's path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from ._js import UNDEFINED
from ._run import run_state
from .ajv import Ajv, AjvError, MissingRefError, SchemaError
from .ajv.compiler import Node
from .ajv.messages import describe
from .options import OPTIONS

__all__ = [
    "FUNCTIONS",
    "ajv_for",
    "detect_dialect",
    "failing",
    "validate_against",
    "verdict_node",
    "was_resolved",
]

_DRAFT = re.compile(
    r"^https?://json-schema.org/(?:draft-0([467])|draft/(20(?:19-09|20-12)))/(?:hyper-)?schema#?\Z"
)
# Spectral keeps one Ajv per dialect it knows; draft 6 and 7 share the default one.
_AJV_DIALECT = {
    "auto": "draft7",
    "draft4": "draft4",
    "draft6": "draft7",
    "draft7": "draft7",
    "draft2019-09": "draft2019-09",
    "draft2020-12": "draft2020-12",
}


def extract_draft(uri: Any) -> str | None:
    match = _DRAFT.match(uri) if isinstance(uri, str) else None
    if match is None:
        return None
    return f"draft{match.group(1) or match.group(2)}"


def detect_dialect(schema: Any) -> str | None:
    """The draft a schema names in ``$schema`` (spectral-formats' ``detectDialect``)."""
    if not isinstance(schema, dict):
        return None
    declared = schema.get("$schema")
    if not isinstance(declared, str) or "//json-schema.org/" not in declared:
        return None
    return extract_draft(declared)


def ajv_for(context: FunctionContext, dialect: str, *, all_errors: bool = False) -> Ajv:
    """The run's Ajv instance for a dialect (compiled schemas are shared within the run)."""
    kind = _AJV_DIALECT.get(dialect, "draft7")
    state = run_state(context)
    key = ("ajv", kind, all_errors)
    ajv = state.get(key)
    if ajv is None:
        ajv = state[key] = Ajv(kind, all_errors=all_errors, error_messages=all_errors)
    return ajv


def was_resolved(context: FunctionContext) -> bool:
    """Whether the rule sees the resolved document (Spectral then ignores unresolvable refs)."""
    resolved = getattr(context, "resolved", None)
    if isinstance(resolved, bool):
        return resolved
    if context.document is not context.raw:
        return True
    # A document without working references resolves to itself: most rules are resolved.
    return getattr(context.resolver, "resolved", None) is context.document


def validate_against(
    target: Any,
    schema: Any,
    context: FunctionContext,
    *,
    dialect: str = "auto",
    all_errors: bool = False,
    path: tuple[str | int, ...] | None = None,
    meta: bool | None = None,
    prepare: Callable[[list[AjvError]], None] | None = None,
) -> list[FunctionResult]:
    """Spectral's schema check of ``target``; ``meta`` True checks the meta-schema as for a
    fresh schema object, False skips it, None checks it once per schema object (Ajv's cache)."""
    path = context.path if path is None else path
    if target is UNDEFINED:
        return [FunctionResult('#{{print("property")}}must exist', path)]
    if dialect in (None, "auto"):
        dialect = detect_dialect(schema) or "draft7"
    ajv = ajv_for(context, dialect, all_errors=all_errors)
    # With the meta-schema check decided here (``meta`` not None), valid data needs no node:
    # a first verdict may tell it (the first sight of a schema object, with ``meta`` None,
    # belongs to _compile: it checks the meta-schema then only).
    checked = meta is not None and not (meta and ajv.meta_error(schema) is not None)
    if checked and ajv.known_valid(schema, target):
        return []
    try:
        node = _compile(ajv, schema, meta)
    except SchemaError as error:
        if isinstance(error, MissingRefError) and was_resolved(context):
            return []
        return [FunctionResult(str(error), path)]
    errors = ajv.validate(node, target)
    if not errors:
        return []
    if prepare is not None:
        prepare(errors)
    return [
        FunctionResult(found.message, (*path, *found.path))
        for found in describe(errors, target=target, property_path=path)
    ]


def verdict_node(
    schema: Any, context: FunctionContext, *, dialect: str = "auto", meta: bool | None = None
) -> Node | None:
    """The node ``validate_against`` would validate with, when ``schema`` compiles and passes
    its meta-schema check; else None. Only caches are filled: what ``validate_against`` does
    afterwards, and reports, is unchanged (a schema's first-sight meta check included)."""
    if isinstance(schema, dict) and "$id" in schema:
        return None  # the first schema compiled under an $id is reused: leave that order alone
    if dialect in (None, "auto"):
        dialect = detect_dialect(schema) or "draft7"
    ajv = ajv_for(context, dialect)
    if meta is not False and ajv.meta_error(schema) is not None:
        return None
    try:
        return ajv.build(schema)
    except SchemaError:
        return None


def _compile(ajv: Ajv, schema: Any, meta: bool | None):
    identifier = schema.get("$id") if isinstance(schema, dict) else None
    if isinstance(identifier, str):
        # Spectral reuses the first schema compiled under an $id.
        known = ajv.by_id.get(identifier)
        if known is not None:
            return known
    if meta is None:
        node = ajv.compile(schema)
    else:
        error = ajv.meta_error(schema) if meta else None
        if error is not None:
            raise error
        node = ajv.build(schema)
    if isinstance(identifier, str):
        ajv.by_id.setdefault(identifier, node)
    return node


@rule_function("schema", options=OPTIONS["schema"])
def schema(target: Any, options: dict[str, Any], context: FunctionContext):
    return validate_against(
        target,
        options["schema"],
        context,
        dialect=options.get("dialect", "auto"),
        all_errors=options.get("allErrors", False) is True,
    )


def _schema_many(targets: list[Any], options: dict[str, Any], context_of: Callable):
    """``schema`` over all of a rule's targets (the engine's batch form): one compiled node
    gives each target's verdict, and the function runs, with its context, only for the targets
    that fail it (``operation-tags`` checks every operation). Without a node (a schema that
    does not compile or fails its meta-schema) it runs for every target."""
    node = None
    if targets:
        dialect = options.get("dialect", "auto")
        node = verdict_node(options["schema"], context_of(0), dialect=dialect)
    return failing(schema, node, targets, options, context_of)


def failing(function: Callable, node: Node | None, targets: list[Any], options: Any, contexts):
    """A batch form's answers: (index, results) of ``function`` on each target ``node``'s
    verdict does not pass (all of them without a node); the others have no results."""
    for index, target in enumerate(targets):
        if node is not None and target is not UNDEFINED and node.valid(target):
            continue
        results = function(target, options, contexts(index))
        if results:
            yield index, results


schema.many = _schema_many  # type: ignore[attr-defined]

FUNCTIONS = {"schema": schema}
