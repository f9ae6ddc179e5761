"""Ajv errors worded as Spectral's ``schema`` function words them (``@stoplight/better-ajv-errors``
1.0.3 and the touches Spectral adds on top).

Errors are grouped in a tree by instance path; a place whose errors are all ``enum`` gives one
merged message (with a "Did you mean" suggestion), an ``anyOf`` above more precise errors is
dropped, and enum-only places with sibling places are dropped too.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from .._js import json_stringify
from .errors import AjvError

__all__ = ["SchemaMessage", "describe", "levenshtein"]

# better-ajv-errors groups paths with this pattern; a segment it cannot read starts no group,
# and an error whose path has no readable segment at all is left out (as Spectral does).
_POINTER_SEGMENTS = re.compile(r"/[A-Za-z0-9_$-]+(?:/\d+)?")
_FIRST_LETTER = re.compile(r"^[a-z]")


class SchemaMessage(NamedTuple):
    message: str
    path: tuple[str | int, ...]  # relative to the validated value


class _Node:
    __slots__ = ("children", "errors")

    def __init__(self, errors: list[AjvError] | None = None) -> None:
        self.children: dict[str, _Node] = {}
        self.errors = errors


def levenshtein(a: str, b: str) -> int:
    if a == b:
        return 0
    if len(a) > len(b):
        a, b = b, a
    previous = list(range(len(a) + 1))
    for j, char_b in enumerate(b, 1):
        current = [j]
        for i, char_a in enumerate(a, 1):
            cost = 0 if char_a == char_b else 1
            current.append(min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + cost))
        previous = current
    return previous[-1]


def describe(
    errors: list[AjvError], *, target: Any, property_path: tuple[str | int, ...]
) -> list[SchemaMessage]:
    """Spectral's messages for Ajv's errors on ``target`` (found at ``property_path``)."""
    tree = _tree(errors)
    _filter_redundant(tree, None)
    unmatched = {
        error.instance_pointer: error.keyword
        for error in errors
        if error.keyword in ("oneOf", "anyOf")
        and not isinstance(error.params.get("passingSchemas"), list)
    }
    out = []
    for error, text in _instances(tree, target, property_path):
        pointer_text = error.instance_pointer
        text = _describe_array_item(text, pointer_text)
        keyword = unmatched.get(pointer_text)
        if keyword is not None and text.endswith(f" in {keyword}"):
            text += ". None of the schemas matched, see the other errors reported for this value"
        out.append(SchemaMessage(text, error.instance_path))
    return out


def _tree(errors: list[AjvError]) -> _Node:
    root = _Node()
    for error in errors:
        text = error.instance_pointer
        segments = [""] if text == "" else _POINTER_SEGMENTS.findall(text)
        node = root
        for segment in segments:
            node = node.children.setdefault(segment, _Node(errors=[]))
        if segments:
            node.errors.append(error)
    return root


def _filter_redundant(node: _Node, parent: _Node | None) -> None:
    errors = node.errors or []
    if any(error.keyword == "anyOf" for error in errors) and node.children:
        node.errors = None
    only_enums = bool(node.errors) and all(error.keyword == "enum" for error in node.errors)
    if only_enums and parent and any(child is not node for child in parent.children.values()):
        for key, child in list(parent.children.items()):
            if child is node:
                del parent.children[key]
    for child in list(node.children.values()):
        _filter_redundant(child, node)


def _instances(node: _Node, target: Any, property_path: tuple) -> list[tuple[AjvError, str]]:
    errors = node.errors or []
    if errors and all(error.keyword == "enum" for error in errors):
        allowed: list[Any] = []
        for error in errors:
            for value in error.params.get("allowedValues", []):
                if not any(_same(value, seen) for seen in allowed):
                    allowed.append(value)
        return [(errors[0], _enum_message(errors[0], allowed, target, property_path))]
    out = [(error, _message(error, target, property_path)) for error in errors]
    for child in node.children.values():
        out.extend(_instances(child, target, property_path))
    return out


def _same(a: Any, b: Any) -> bool:
    """``Set`` membership in JavaScript: primitives by value, objects by identity."""
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return a is b
    return type(a) is type(b) and a == b or (_is_number(a) and _is_number(b) and a == b)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _clean(message: str) -> str:
    return message.replace("'", '"').replace("NOT", "not")


def _last_segment(pointer_text: str) -> str | None:
    index = pointer_text.rfind("/")
    return pointer_text[index + 1 :] if index != -1 else None


def _property_name(error: AjvError, property_path: tuple) -> str | None:
    name = _last_segment(error.instance_pointer)
    if name is not None:
        return name
    if not property_path:
        return None
    return str(property_path[-1])


def _value_at(target: Any, path: tuple) -> Any:
    value = target
    for segment in path:
        in_object = isinstance(value, dict) and segment in value
        in_array = isinstance(value, list) and isinstance(segment, int) and segment < len(value)
        if not (in_object or in_array):
            return _MISSING
        value = value[segment]
    return value


_MISSING: Any = object()


def _type_of(value: Any) -> str:
    if value is _MISSING:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"


def _pretty_name(error: AjvError, target: Any, property_path: tuple) -> str:
    name = _property_name(error, property_path)
    if name is None:
        kind = _type_of(_value_at(target, error.instance_path))
        return _FIRST_LETTER.sub(lambda match: match.group(0).upper(), kind)
    return f'"{name}" property'


def _message(error: AjvError, target: Any, property_path: tuple) -> str:
    keyword = error.keyword
    if keyword == "additionalProperties":
        return f'Property "{error.params.get("additionalProperty")}" is not expected to be here'
    if keyword == "type":
        name = _property_name(error, property_path)
        if name is None:
            return f"Value type {error.message}"
        return f'"{name}" property type {error.message}'
    if keyword == "errorMessage":
        return error.message
    return f"{_pretty_name(error, target, property_path)} {_clean(error.message)}"


def _enum_message(error: AjvError, allowed: list[Any], target: Any, property_path: tuple) -> str:
    printed = ", ".join(
        f'"{value}"' if isinstance(value, str) else json_stringify(value) for value in allowed
    )
    text = f"{_pretty_name(error, target, property_path)} {error.message}: {printed}"
    current = _value_at(target, error.instance_path)
    best = best_match(current, allowed) if isinstance(current, str) else None
    return text if best is None else f'{text}. Did you mean "{best}"?'


def best_match(value: str, allowed: list[Any]) -> str | None:
    """The closest allowed string, if close enough (fewer edits than its length)."""
    candidates = [
        (levenshtein(option, value), option) for option in allowed if isinstance(option, str)
    ]
    if not candidates:
        return None
    weight, option = min(candidates, key=lambda pair: pair[0])
    return option if len(allowed) == 1 or weight < len(option) else None


def _describe_array_item(message: str, pointer_text: str) -> str:
    index = pointer_text.split("/")[-1]
    if not index.isdigit() or not index.isascii():
        return message
    for prefix in (f'"{index}" property type', f'"{index}" property'):
        if message.startswith(prefix):
            return f"Item at index {index}{message[len(prefix) :]}"
    return message
