"""What each JSON Schema dialect means to Ajv: its keywords, their order and accepted values.

Ajv checks a schema's keywords in a fixed order, grouped by the data type they apply to, and
stops at the first failing one unless asked for all errors. Spectral reports what Ajv reports,
so the order here is Ajv's (8.x, with ajv-draft-04 for draft 4).
"""

from __future__ import annotations

__all__ = ["DIALECTS", "SCHEMA_TYPES", "Dialect"]

_UNTYPED_BASE = ("$ref", "const", "enum", "not", "anyOf", "oneOf", "allOf", "if")
_UNTYPED_DYNAMIC = ("$dynamicRef", "$recursiveRef", *_UNTYPED_BASE)
_NUMBER = ("maximum", "minimum", "exclusiveMaximum", "exclusiveMinimum", "multipleOf", "format")
_STRING = ("maxLength", "minLength", "pattern", "format")
_ARRAY_DRAFT7 = ("maxItems", "minItems", "additionalItems", "items", "contains", "uniqueItems")
_ARRAY_2019 = (*_ARRAY_DRAFT7, "maxContains", "minContains", "unevaluatedItems")
_ARRAY_2020 = (
    "maxItems",
    "minItems",
    "prefixItems",
    "items",
    "contains",
    "uniqueItems",
    "maxContains",
    "minContains",
    "unevaluatedItems",
)
_OBJECT_DRAFT7 = (
    "maxProperties",
    "minProperties",
    "required",
    "propertyNames",
    "additionalProperties",
    "dependencies",
    "properties",
    "patternProperties",
)
_OBJECT_2019 = (*_OBJECT_DRAFT7, "dependentRequired", "dependentSchemas", "unevaluatedProperties")
# Keywords without a data type that Ajv knows but that validate nothing by themselves; they
# still make a schema "have rules" (so it is not always valid, and $ref siblings are checked).
_INERT = ("$comment", "type", "nullable", "then", "else")

# The JSON types Ajv accepts for each keyword's value; anything else fails compilation.
SCHEMA_TYPES: dict[str, tuple[str, ...]] = {
    "$ref": ("string",),
    "$dynamicRef": ("string",),
    "$recursiveRef": ("string",),
    "type": ("string", "array"),
    "nullable": ("boolean",),
    "enum": ("array",),
    "not": ("object", "boolean"),
    "anyOf": ("array",),
    "oneOf": ("array",),
    "allOf": ("array",),
    "if": ("object", "boolean"),
    "then": ("object", "boolean"),
    "else": ("object", "boolean"),
    "maximum": ("number",),
    "minimum": ("number",),
    "exclusiveMaximum": ("number",),
    "exclusiveMinimum": ("number",),
    "multipleOf": ("number",),
    "format": ("string",),
    "maxLength": ("number",),
    "minLength": ("number",),
    "pattern": ("string",),
    "maxItems": ("number",),
    "minItems": ("number",),
    "additionalItems": ("object", "boolean"),
    "prefixItems": ("array",),
    "items": ("object", "array", "boolean"),
    "contains": ("object", "boolean"),
    "uniqueItems": ("boolean",),
    "maxContains": ("number",),
    "minContains": ("number",),
    "unevaluatedItems": ("boolean", "object"),
    "maxProperties": ("number",),
    "minProperties": ("number",),
    "required": ("array",),
    "propertyNames": ("object", "boolean"),
    "additionalProperties": ("boolean", "object"),
    "dependencies": ("object",),
    "properties": ("object",),
    "patternProperties": ("object",),
    "dependentRequired": ("object",),
    "dependentSchemas": ("object",),
    "unevaluatedProperties": ("boolean", "object"),
    "errorMessage": ("string", "object"),
}


class Dialect:
    """What one draft means to Ajv (slotted: the compiler reads it for every schema node)."""

    __slots__ = (
        "array", "draft4_limits", "id_keyword", "items_2020", "meta_uri", "metas", "name", "next",
        "object", "untyped",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        id_keyword: str,
        meta_uri: str,  # the meta-schema a schema without $schema is checked against
        untyped: tuple[str, ...],
        array: tuple[str, ...],
        object: tuple[str, ...],
        draft4_limits: bool = False,  # exclusiveMaximum/exclusiveMinimum are booleans
        next: bool = False,  # minContains/maxContains, unevaluated*, dependentRequired
        items_2020: bool = False,  # items applies after prefixItems
        metas: tuple[str, ...] = (),  # meta-schemas this Ajv instance knows
    ) -> None:
        self.name = name
        self.id_keyword = id_keyword
        self.meta_uri = meta_uri
        self.untyped = untyped
        self.array = array
        self.object = object
        self.draft4_limits = draft4_limits
        self.next = next
        self.items_2020 = items_2020
        self.metas = metas

    def __repr__(self) -> str:
        return f"Dialect({self.name!r})"

    @property
    def all_keywords(self) -> frozenset[str]:
        """Ajv's ``RULES.all``: a schema with none of these is always valid."""
        return frozenset((*self.untyped, *_NUMBER, *_STRING, *self.array, *self.object)) | (
            self.untyped_group_keywords()
        )

    def schema_types(self, keyword: str) -> tuple[str, ...]:
        if self.draft4_limits and keyword in ("exclusiveMaximum", "exclusiveMinimum"):
            return ("boolean",)
        if self.items_2020 and keyword == "items":
            return ("object", "boolean")
        return SCHEMA_TYPES.get(keyword, ())

    def groups(self) -> tuple[tuple[str | None, tuple[str, ...]], ...]:
        return (
            (None, self.untyped),
            ("number", _NUMBER),
            ("string", _STRING),
            ("array", self.array),
            ("object", self.object),
        )

    def untyped_group_keywords(self) -> frozenset[str]:
        """Keywords that make Ajv emit its first (untyped) group, inert ones included."""
        extra = ("$dynamicAnchor", "$recursiveAnchor") if self.next else ()
        # Ajv 8 refuses "id" outside draft 4, so the keyword is known there (and fails).
        legacy_id = () if self.draft4_limits else ("id",)
        return frozenset((*self.untyped, *_INERT, *legacy_id, *extra))


DRAFT4_META = "http://json-schema.org/draft-04/schema"
DRAFT6_META = "http://json-schema.org/draft-06/schema"
DRAFT7_META = "http://json-schema.org/draft-07/schema"
DRAFT2019_META = "https://json-schema.org/draft/2019-09/schema"
DRAFT2020_META = "https://json-schema.org/draft/2020-12/schema"

DIALECTS: dict[str, Dialect] = {
    "draft4": Dialect(
        "draft4",
        "id",
        DRAFT4_META,
        _UNTYPED_BASE,
        _ARRAY_DRAFT7,
        _OBJECT_DRAFT7,
        draft4_limits=True,
        metas=(DRAFT4_META,),
    ),
    "draft7": Dialect(
        "draft7",
        "$id",
        DRAFT7_META,
        _UNTYPED_BASE,
        _ARRAY_DRAFT7,
        _OBJECT_DRAFT7,
        metas=(DRAFT7_META, DRAFT6_META, DRAFT4_META),
    ),
    "draft2019-09": Dialect(
        "draft2019-09",
        "$id",
        DRAFT2019_META,
        _UNTYPED_DYNAMIC,
        _ARRAY_2019,
        _OBJECT_2019,
        next=True,
        metas=(DRAFT2019_META,),
    ),
    "draft2020-12": Dialect(
        "draft2020-12",
        "$id",
        DRAFT2020_META,
        _UNTYPED_DYNAMIC,
        _ARRAY_2020,
        _OBJECT_2019,
        next=True,
        items_2020=True,
        metas=(DRAFT2020_META,),
    ),
}
