"""JSON Schema validation that reports what Ajv reports, for Spectral-compatible findings.

Spectral validates with Ajv 8; its messages, and which errors it reports at all, follow Ajv's
keyword order, its stop-at-first-error mode, its compile errors and its meta-schema check.
``Ajv`` here is one such validator instance: a dialect (draft 4, 7, 2019-09 or 2020-12) and
options, with the meta-schemas of that dialect registered.

    ajv = Ajv("draft7")
    errors = ajv.validate(ajv.compile(schema), data)   # [] when valid; raises SchemaError

Compiled schemas are cached by the identity of the schema object, as Ajv caches them, so an
instance should live as long as the document being linted. The outcome of a compilation and
of a meta-schema check is a function of the schema's content, so it is also kept by content:
a document repeats the same schema under many examples, and Spectral copies each schema
before validating against it.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any

from .compiler import Compiler, Context, Node, Stop
from .dialects import DIALECTS
from .errors import AjvError, MissingRefError, SchemaError, pointer
from .fastdata import FastData
from .fastmeta import FastMeta
from .resources import Registry, bundled_schema, meta_schemas, normalize_uri
from .texts import JsonTexts

__all__ = [
    "Ajv",
    "AjvError",
    "MissingRefError",
    "SchemaError",
    "bundled_schema",
    "errors_text",
]


_DEEP_RECURSION = 12_000


def errors_text(errors: list[AjvError]) -> str:
    """Ajv's ``errorsText``: ``data/path message`` joined by commas."""
    return ", ".join(f"data{pointer(error.instance_path)} {error.message}" for error in errors)


class Ajv:
    def __init__(
        self,
        dialect: str,
        *,
        all_errors: bool = False,
        error_messages: bool = False,
        unicode_regexp: bool = False,
        inline_refs: bool = True,
        schemas: tuple[tuple[str, Any], ...] = (),
        track_paths: bool | None = None,
    ) -> None:
        self.dialect = DIALECTS[dialect]
        self.all_errors = all_errors
        self.registry = Registry()
        self.texts = JsonTexts()
        for uri, schema in (*meta_schemas(dialect), *schemas):
            id_keyword = "$id" if "$id" in schema or "id" not in schema else "id"
            self.registry.add(schema, uri, id_keyword)
        self.compiler = Compiler(
            self.dialect,
            self.registry,
            error_messages=error_messages,
            unicode_regexp=unicode_regexp,
            inline_refs=inline_refs,
            # Schema paths only matter to errorMessage; without them compiled nodes are shared.
            track_paths=error_messages if track_paths is None else track_paths,
            texts=self.texts,
        )
        # Ajv compiles meta-schemas with format validation off.
        self.meta_compiler = Compiler(
            self.dialect,
            self.registry,
            unicode_regexp=unicode_regexp,
            validate_formats=False,
            texts=self.texts,
        )
        self._meta_errors: dict[int, tuple[Any, SchemaError | None]] = {}
        self._meta_seen: set[int] = set()
        self.by_id: dict[str, Node] = {}  # the first schema compiled under each $id
        self._compiled: dict[int, tuple[Any, Node | None, SchemaError | None]] = {}
        self._meta_by_content: dict[bytes, SchemaError | None] = {}
        # draft 2020-12's meta-schema refers to its vocabularies' (as Ajv has them)
        multi_file = meta_schemas(dialect) if dialect == "draft2020-12" else ()
        self._fast_meta = FastMeta(multi_file)
        self._fast_data = FastData(dialect, self.texts)
        self._built_by_content: dict[bytes, tuple[Any, Node | None, SchemaError | None]] = {}

    def compile(self, schema: Any) -> Node:
        """Ajv's ``compile``: the meta-schema check (the first time a schema object is seen:
        Ajv caches it before checking), then the build."""
        if id(schema) not in self._meta_seen:
            self._meta_seen.add(id(schema))
            error = self.meta_error(schema)  # keeps ``schema`` alive, so its id stays its own
            if error is not None:
                raise error
        return self.build(schema)

    def known_valid(self, schema: Any, data: Any) -> bool:
        """True when ``data`` is known valid against ``schema`` without compiling it: a
        schema that compiles without error and validates ``data`` without errors (its
        meta-schema check aside). False when not known (see ``fastdata``)."""
        return self._fast_data.valid(schema, data)

    def meta_error(self, schema: Any) -> SchemaError | None:
        """Why ``schema`` fails its meta-schema, computed once per schema object."""
        cached = self._meta_errors.get(id(schema))
        if cached is not None:
            return cached[1]
        key = self._content_key(schema)
        if key is not None and key in self._meta_by_content:
            error = self._meta_by_content[key]
        else:
            error = self._check_meta(schema)
            if key is not None:
                self._meta_by_content[key] = error
        self._meta_errors[id(schema)] = (schema, error)
        return error

    def _content_key(self, schema: Any) -> bytes | None:
        """The schema's JSON text, or None when it has none (not an object, keys that are not
        strings, too deep): such schemas are cached by identity only."""
        return self.texts.of(schema) if isinstance(schema, dict) else None

    def build(self, schema: Any) -> Node:
        cached = self._compiled.get(id(schema))
        if cached is None:
            key = self._content_key(schema)
            cached = self._built_by_content.get(key) if key is not None else None
            if cached is None:
                cached = self._build(schema)
                if key is not None:
                    self._built_by_content[key] = cached
            self._compiled[id(schema)] = (schema, cached[1], cached[2])
        if cached[2] is not None:
            raise cached[2]
        return cached[1]

    def _build(self, schema: Any) -> tuple[Any, Node | None, SchemaError | None]:
        try:
            return schema, self.compiler.compile_root(schema), None
        except SchemaError as error:
            return schema, None, error
        except RecursionError:
            return schema, None, SchemaError("schema is too deeply nested")

    def validate(
        self,
        node: Node,
        data: Any,
        *,
        all_errors: bool | None = None,
        failing: set[tuple[str | int, ...]] | None = None,
    ) -> list[AjvError]:
        """Ajv's errors for ``data``. ``failing``, when given, holds the data paths at or
        above every error that another validator of the same schema found (with the same
        meaning): the run then passes over the rest of the data (see ``Context``)."""
        every = self.all_errors if all_errors is None else all_errors
        try:
            return self._validate(node, data, every, failing)
        except RecursionError:
            # Deep documents (speclib allows 200 levels) can outgrow Python's default limit; the
            # calls are Python to Python, which 3.11+ runs without growing the C stack.
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(max(limit, _DEEP_RECURSION))
            try:
                return self._validate(node, data, every, failing)
            finally:
                sys.setrecursionlimit(limit)

    @staticmethod
    def _validate(
        node: Node, data: Any, all_errors: bool, failing: set[tuple[str | int, ...]] | None
    ) -> list[AjvError]:
        ctx = Context(all_errors=all_errors, failing=failing)
        with contextlib.suppress(Stop):  # the first error ended the run, as in Ajv
            node.run(data, (), ctx, False, None)
        return ctx.errors

    def _check_meta(self, schema: Any) -> SchemaError | None:
        if not isinstance(schema, dict):
            return None
        declared = schema.get("$schema")
        if declared is not None and not isinstance(declared, str):
            return SchemaError("$schema must be a string")
        uri = declared or self.dialect.meta_uri
        meta = self.registry.resources.get(normalize_uri(uri))
        if meta is None:
            return SchemaError(f'no schema with key or ref "{uri}"')
        if self._fast_meta.valid(meta, schema):
            return None
        node = self.meta_compiler.compile_root(meta, normalize_uri(uri))
        if node.memo is None:
            # Subschemas of a valid schema are valid: remember them, for their own checks.
            node.memo = {}
        if id(schema) in node.memo:
            return None
        errors = self.validate(node, schema)
        if not errors:
            node.memo[id(schema)] = schema
        if errors:
            return SchemaError("schema is invalid: " + errors_text(errors))
        return None
