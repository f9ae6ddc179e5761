"""Renders the schema views that speclib stores in Operation.detail as nested HTML lists.

A schema is JSON-schema-like and may carry speclib's markers: ``x-ref`` (the
component it was expanded from), ``{"$ref", "x-circular"}``, ``{"$ref",
"x-unresolved"}`` and ``x-truncated``. Nested objects become closed <details>
so a long schema reads as an outline, opens with the keyboard and needs no
JavaScript. Rendering is in Python, not in recursive templates, because one
page may hold thousands of schema nodes.
"""

import json
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MAX_DEPTH = 8  # speclib already cuts views at six schema levels; this is a backstop
MAX_PROPERTIES = 200
MAX_ENUM = 30


@register.simple_tag
def schema_view(schema: Any) -> SafeString:
    """The whole schema: its type and facts, then its properties or variants."""
    if not isinstance(schema, dict):
        return format_html('<p class="schema-type">{}</p>', "any")
    return format_html(
        '<div class="schema"><p class="schema-type">{}</p>{}{}</div>',
        type_label(schema),
        _facts(schema),
        _children(schema, 1),
    )


@register.filter
def schema_type(schema: Any) -> str:
    return type_label(schema) if isinstance(schema, dict) else "any"


@register.simple_tag
def schema_facts(schema: Any) -> SafeString:
    """A parameter's allowed values and default (its description is the parameter's)."""
    return _facts(schema, describe=False) if isinstance(schema, dict) else mark_safe("")


@register.filter
def unresolved(holder: Any) -> SafeString:
    """A note for a parameter, body or response whose `$ref` speclib could not follow."""
    if not isinstance(holder, dict) or "x-unresolved" not in holder:
        return mark_safe("")
    return format_html(
        '<span class="schema-note">Reference {} could not be followed ({}).</span>',
        holder.get("$ref", ""),
        holder["x-unresolved"],
    )


def ref_name(ref: str) -> str:
    """`#/components/schemas/Pet` reads as `Pet`."""
    return ref.rstrip("/").rsplit("/", 1)[-1] or ref


def type_label(schema: dict) -> str:
    """A short reading of a schema's type: `string (date-time)`, `array of Pet`, `Pet`."""
    if "x-circular" in schema:
        return f"{ref_name(str(schema.get('$ref', '')))} (circular reference)"
    if "x-unresolved" in schema:
        return f"{schema.get('$ref', 'reference')} (unresolved: {schema['x-unresolved']})"
    kind = schema.get("type")
    if isinstance(kind, list):
        label = " or ".join(str(part) for part in kind)
    elif kind == "array":
        items = schema.get("items")
        label = f"array of {type_label(items) if isinstance(items, dict) else 'any'}"
    elif isinstance(kind, str):
        label = kind
    elif "oneOf" in schema or "anyOf" in schema:
        label = "one of" if "oneOf" in schema else "any of"
    elif "properties" in schema or "allOf" in schema:
        label = "object"
    else:
        label = "enum" if "enum" in schema else "any"
    if "x-ref" in schema and kind in (None, "object"):
        label = ref_name(str(schema["x-ref"]))
    if isinstance(schema.get("format"), str):
        label = f"{label} ({schema['format']})"
    if schema.get("nullable") is True:
        label = f"{label} or null"
    return label


def _in_document_order(schema: dict) -> dict:
    """The schema's properties in the document's order (kept by the spec service)."""
    properties = schema.get("properties") or {}
    order = schema.get("x-property-order") or []
    if not isinstance(properties, dict) or not isinstance(order, list):
        return {}
    known = {name: properties[name] for name in order if name in properties}
    return known | {name: value for name, value in properties.items() if name not in known}


def _merged(schema: dict) -> tuple[dict, list]:
    """Properties and required names, with those of `allOf` parts folded in."""
    properties = _in_document_order(schema)
    required = list(schema.get("required") or [])
    for part in schema.get("allOf") or []:
        if isinstance(part, dict):
            part_properties, part_required = _merged(part)
            properties.update(part_properties)
            required.extend(part_required)
    return properties, required


def _children(schema: dict, depth: int) -> SafeString:
    """The nested content of a schema: properties, array items' properties, or variants."""
    if depth > MAX_DEPTH:
        return format_html('<p class="schema-note">{}</p>', "Deeper levels are not shown.")
    target = schema
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        target = schema["items"]
    parts = [_properties(target, depth)]
    for keyword, title in (("oneOf", "One of"), ("anyOf", "Any of")):
        variants = [v for v in target.get(keyword) or [] if isinstance(v, dict)]
        if variants:
            parts.append(_variants(title, variants, depth))
    extra = target.get("additionalProperties")
    if isinstance(extra, dict) and extra:
        parts.append(_property_list([("any other name", extra, False)], depth))
    if target.get("x-truncated") or schema.get("x-truncated"):
        parts.append(format_html('<p class="schema-note">{}</p>', "Truncated for display."))
    return mark_safe("".join(parts))


def _properties(schema: dict, depth: int) -> SafeString:
    properties, required = _merged(schema)
    rows = [
        (str(name), value, name in required)
        for name, value in list(properties.items())[:MAX_PROPERTIES]
        if isinstance(value, dict)
    ]
    return _property_list(rows, depth) if rows else mark_safe("")


def _property_list(rows: list[tuple[str, dict, bool]], depth: int) -> SafeString:
    items = [_property(name, value, required, depth) for name, value, required in rows]
    return format_html('<ul class="schema-props">{}</ul>', mark_safe("".join(items)))


def _property(name: str, schema: dict, required: bool, depth: int) -> SafeString:
    head = format_html(
        '<code class="prop-name">{}</code> <span class="prop-type">{}</span>{}',
        name,
        type_label(schema),
        mark_safe(' <span class="required">required</span>') if required else "",
    )
    children = _children(schema, depth + 1)
    if not children:
        return format_html(
            '<li class="schema-prop"><p class="prop-head">{}</p>{}</li>', head, _facts(schema)
        )
    return format_html(
        '<li class="schema-prop"><details>'
        '<summary class="prop-head">{}</summary>{}{}'
        "</details></li>",
        head,
        _facts(schema),
        children,
    )


def _variants(title: str, variants: list[dict], depth: int) -> SafeString:
    items = [
        format_html(
            '<li><span class="prop-type">{}</span>{}{}</li>',
            type_label(variant),
            _facts(variant),
            _children(variant, depth + 1),
        )
        for variant in variants[:MAX_PROPERTIES]
    ]
    return format_html(
        '<div class="schema-variants"><p class="schema-note">{}:</p><ol>{}</ol></div>',
        title,
        mark_safe("".join(items)),
    )


def _facts(schema: dict, describe: bool = True) -> SafeString:
    """Flags, description, allowed values, default, of one schema."""
    flags = [
        label
        for key, label in (
            ("deprecated", "deprecated"),
            ("readOnly", "read-only"),
            ("writeOnly", "write-only"),
        )
        if schema.get(key) is True
    ]
    parts = [format_html('<span class="flag">{}</span>', flag) for flag in flags]
    description = schema.get("description") if describe else None
    if isinstance(description, str) and description.strip():
        parts.append(format_html('<p class="prop-description">{}</p>', description))
    enum = schema.get("enum")
    if not enum and isinstance(schema.get("items"), dict):
        enum = schema["items"].get("enum")
    if isinstance(enum, list) and enum:
        values = mark_safe(
            ", ".join(format_html("<code>{}</code>", _literal(value)) for value in enum[:MAX_ENUM])
        )
        more = "…" if len(enum) > MAX_ENUM else ""
        parts.append(format_html('<p class="prop-enum">One of: {}{}</p>', values, more))
    if "default" in schema:
        parts.append(
            format_html(
                '<p class="prop-default">Default: <code>{}</code></p>', _literal(schema["default"])
            )
        )
    return mark_safe("".join(parts))


def _literal(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)
