"""A first verdict on meta-schema checks from jsonschema-rs (compiled, many times faster).

Ajv checks every schema it compiles against its meta-schema; a document with hundreds of
example schemas spends a good part of its lint there. For the single-file meta-schemas (drafts
4 to 7, the ones OpenAPI 2.0 and 3.0 schemas are checked against) jsonschema-rs validates the
schema against the very same meta-schema document first, with formats off as Ajv's meta-schema
validators have them. Only a schema it does not call valid goes to the Ajv engine, which gives
Spectral's error. This is exact as long as jsonschema-rs never accepts what Ajv refuses on
those meta-schemas: they use standard keywords only (no ``pattern``, no ``multipleOf``, no
format when formats are off), the one difference, draft 4's ``integer`` (jsonschema-rs refuses
``1.0``, Ajv accepts it), only makes jsonschema-rs stricter, and anything it cannot read (keys
that are not strings) leaves the verdict to Ajv.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import orjson

__all__ = ["FastMeta", "first_verdict", "worth_asking"]

_SINGLE_FILE = re.compile(r"https?://json-schema\.org/draft-0[4-7]/schema#?\Z")
_WORTH_IT = 16


def worth_asking(questions: int) -> bool:
    """Whether a run asks jsonschema-rs its ``questions``-th question (a meta-schema check, or
    a value against a plain schema, see fastdata). Loading it costs more than Ajv's answers to
    a few: a run starts asking from the 16th on, or from the first once it is loaded (the
    document check of a big document loads it; then building, say, its validator of draft 7's
    meta-schema, 0.8 ms, costs a quarter of compiling that meta-schema for Ajv, 3.7 ms)."""
    return questions >= _WORTH_IT or "jsonschema_rs" in sys.modules


_VALIDATORS: dict[bytes, Any] = {}  # meta-schema JSON text -> validator, or None if unusable


class FastMeta:
    """Meta-schema verdicts for one Ajv instance."""

    def __init__(self) -> None:
        self.checks = 0

    def valid(self, meta: Any, schema: Any) -> bool:
        """True when jsonschema-rs finds ``schema`` valid against ``meta``; False when it does
        not, or cannot tell (then Ajv decides)."""
        self.checks += 1
        if not worth_asking(self.checks) or not isinstance(meta, dict):
            return False
        return first_verdict(_validator(meta), schema)


def first_verdict(validator: Any, value: Any) -> bool:
    """True when a jsonschema-rs ``validator`` finds ``value`` valid; False when it does not,
    when there is no validator, or when it cannot read the value (then Ajv decides)."""
    if validator is None:
        return False
    try:
        return validator.is_valid(value) is True
    except Exception:  # noqa: BLE001 - unreadable for jsonschema-rs: Ajv gives the verdict
        return False


def _validator(meta: dict[str, Any]) -> Any:
    key = orjson.dumps(meta)
    if key in _VALIDATORS:
        return _VALIDATORS[key]
    validator = None
    declared = meta.get("$schema")
    if isinstance(declared, str) and _SINGLE_FILE.match(declared):
        try:
            import jsonschema_rs  # a compiled module, loaded when a run needs it

            validator = jsonschema_rs.validator_for(meta, validate_formats=False)
        except Exception:  # noqa: BLE001 - not installed, or a meta-schema it refuses: Ajv only
            validator = None
    _VALIDATORS[key] = validator
    return validator
