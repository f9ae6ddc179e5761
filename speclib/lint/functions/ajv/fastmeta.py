"""A first verdict on meta-schema checks from jsonschema-rs (compiled, many times faster).

Ajv checks every schema it compiles against its meta-schema; a document with hundreds of
example schemas spends a good part of its lint there. For the single-file meta-schemas (drafts
4 to 7, the ones OpenAPI 2.0 and 3.0 schemas are checked against), and for draft 2020-12's
(OpenAPI 3.1's, with the vocabulary meta-schemas it refers to, the copies Ajv has), jsonschema-rs
validates the schema against the very same meta-schema documents first, with formats off as
Ajv's meta-schema validators have them. Only a schema it does not call valid goes to the Ajv
engine, which gives Spectral's error. This is exact as long as jsonschema-rs never accepts what
Ajv refuses on those meta-schemas: they use standard keywords only (no ``multipleOf``, no format
when formats are off; ``uniqueItems`` on arrays of strings only), the two patterns of 2020-12's
core vocabulary (``^[^#]*#?$`` for ``$id``, ``^[A-Za-z_][-A-Za-z0-9._]*$`` for anchors) mean the
same to JavaScript's and Rust's regular expressions, 2020-12's ``$dynamicRef: "#meta"`` lands on
its own meta-schema for both (nothing extends it here), the one difference, draft 4's
``integer`` (jsonschema-rs refuses ``1.0``, Ajv accepts it), only makes jsonschema-rs stricter,
and anything it cannot read (keys that are not strings, lone surrogates) leaves the verdict to
Ajv.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import orjson

__all__ = ["FastMeta", "first_verdict", "worth_asking"]

_SINGLE_FILE = re.compile(r"https?://json-schema\.org/draft-0[4-7]/schema#?\Z")
_DRAFT_2020 = re.compile(r"https://json-schema\.org/draft/2020-12/schema\Z")
_WORTH_IT = 16


def worth_asking(questions: int) -> bool:
    """Whether a run asks jsonschema-rs its ``questions``-th question (a meta-schema check, or
    a value against a plain schema, see fastdata). Loading it costs more than Ajv's answers to
    a few: a run starts asking from the 16th on, or from the first once it is loaded (the
    document check of a big document loads it; then building, say, its validator of draft 7's
    meta-schema, 0.8 ms, costs a quarter of compiling that meta-schema for Ajv, 3.7 ms)."""
    return questions >= _WORTH_IT or "jsonschema_rs" in sys.modules


# (meta-schema JSON text, with its resources) -> validator, or None if unusable
_VALIDATORS: dict[tuple[bytes, bool], Any] = {}


class FastMeta:
    """Meta-schema verdicts for one Ajv instance."""

    def __init__(self, resources: tuple[tuple[str, Any], ...] = ()) -> None:
        self.checks = 0
        self.resources = resources  # (URI, schema): what a multi-file meta-schema refers to
        # id(meta-schema) -> (it, its validator): an instance asks about a few meta-schema
        # objects many times, and their JSON text, the shared key, is not free to write
        self._by_id: dict[int, tuple[Any, Any]] = {}

    def valid(self, meta: Any, schema: Any) -> bool:
        """True when jsonschema-rs finds ``schema`` valid against ``meta``; False when it does
        not, or cannot tell (then Ajv decides)."""
        self.checks += 1
        if not worth_asking(self.checks) or not isinstance(meta, dict):
            return False
        known = self._by_id.get(id(meta))
        if known is None:
            known = self._by_id[id(meta)] = (meta, _validator(meta, self.resources))
        return first_verdict(known[1], schema)


def first_verdict(validator: Any, value: Any) -> bool:
    """True when a jsonschema-rs ``validator`` finds ``value`` valid; False when it does not,
    when there is no validator, or when it cannot read the value (then Ajv decides)."""
    if validator is None:
        return False
    try:
        return validator.is_valid(value) is True
    except Exception:  # noqa: BLE001 - unreadable for jsonschema-rs: Ajv gives the verdict
        return False


def _validator(meta: dict[str, Any], resources: tuple[tuple[str, Any], ...]) -> Any:
    key = (orjson.dumps(meta), bool(resources))  # a multi-file meta-schema needs its resources
    if key in _VALIDATORS:
        return _VALIDATORS[key]
    validator = None
    declared = meta.get("$schema")
    single = isinstance(declared, str) and _SINGLE_FILE.match(declared)
    if single or (isinstance(declared, str) and _DRAFT_2020.match(declared) and resources):
        try:
            import jsonschema_rs  # a compiled module, loaded when a run needs it

            registry = None if single else jsonschema_rs.Registry(list(resources))
            validator = jsonschema_rs.validator_for(meta, validate_formats=False, registry=registry)
        except Exception:  # noqa: BLE001 - not installed, or a meta-schema it refuses: Ajv only
            validator = None
    _VALIDATORS[key] = validator
    return validator
