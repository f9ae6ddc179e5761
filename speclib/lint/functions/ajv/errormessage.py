"""The ``errorMessage`` keyword of ajv-errors 3, which Spectral's document schemas use.

After a schema's other keywords, errors they raised at that place are replaced by the
schema's own message: per keyword (``{"required": "..."}``), per keyword and property, per child
property, or all at once (a string, or the ``_`` key).
"""

from __future__ import annotations

import json
import re
from typing import Any

from .._js import json_stringify
from .compiler import Context, Node
from .errors import AjvError, escape_segment, pointer

__all__ = ["error_message_post"]

_KEYWORD_PROPERTY_PARAMS = {
    "required": "missingProperty",
    "dependencies": "property",
    "dependentRequired": "property",
}
_INTERPOLATION = re.compile(r"\$\{([^}]+)\}")


def error_message_post(node: Node, config: Any):
    keyword_messages: dict[str, str] = {}
    keyword_property_messages: dict[str, dict[str, str]] = {}
    child_messages: dict[str, str] = {}
    whole = config if isinstance(config, str) else None
    if isinstance(config, dict):
        for key, value in config.items():
            if key in ("properties", "items"):
                if isinstance(value, dict):
                    child_messages.update(value)
                elif isinstance(value, list):
                    child_messages.update({str(i): text for i, text in enumerate(value)})
            elif key == "_":
                whole = value
            elif isinstance(value, dict):
                keyword_property_messages[key] = value
            else:
                keyword_messages[key] = value
    schema_path = node.spath

    def post(data: Any, path: tuple[str | int, ...], ctx: Context, start: int) -> None:
        errors = ctx.errors
        if len(errors) == start:
            return
        here = pointer(path)
        fresh = errors[start:]
        added: list[AjvError] = []
        if keyword_messages:
            added += _per_keyword(fresh, here, schema_path, keyword_messages, data, path, node)
        if keyword_property_messages:
            added += _per_property(
                fresh, here, schema_path, keyword_property_messages, data, path, node
            )
        if child_messages:
            added += _per_child(fresh, here, child_messages, data, path, node)
        if whole is not None:
            matched = [
                error
                for error in fresh
                if not error.used
                and error.keyword != "errorMessage"
                and (
                    error.instance_pointer == here or error.instance_pointer.startswith(here + "/")
                )
                and error.schema_path.startswith(schema_path + "/")
            ]
            for error in matched:
                error.used = True
            if matched:
                added.append(_error(_template(whole, data), path, schema_path, matched, node))
        remaining = [error for error in fresh if not error.used]
        del errors[start:]
        errors.extend(remaining + added)

    return post


def _own_keyword_error(error: AjvError, here: str, schema_path: str) -> bool:
    if error.used or error.keyword == "errorMessage" or error.instance_pointer != here:
        return False
    rest = (
        error.schema_path[len(schema_path) :] if error.schema_path.startswith(schema_path) else None
    )
    return rest is not None and rest.startswith("/") and "/" not in rest[1:]


def _per_keyword(errors, here, schema_path, messages, data, path, node) -> list[AjvError]:
    grouped: dict[str, list[AjvError]] = {key: [] for key in messages}
    for error in errors:
        if error.keyword in grouped and _own_keyword_error(error, here, schema_path):
            grouped[error.keyword].append(error)
            error.used = True
    return [
        _error(_template(messages[key], data), path, schema_path, matched, node)
        for key, matched in grouped.items()
        if matched
    ]


def _per_property(errors, here, schema_path, messages, data, path, node) -> list[AjvError]:
    grouped = {key: {prop: [] for prop in props} for key, props in messages.items()}
    for error in errors:
        if error.keyword not in grouped or not _own_keyword_error(error, here, schema_path):
            continue
        param = _KEYWORD_PROPERTY_PARAMS.get(error.keyword)
        bucket = grouped[error.keyword].get(error.params.get(param)) if param else None
        if bucket is not None:
            bucket.append(error)
            error.used = True
    return [
        _error(_template(messages[key][prop], data), path, schema_path, matched, node)
        for key, props in grouped.items()
        for prop, matched in props.items()
        if matched
    ]


def _per_child(errors, here, messages, data, path, node) -> list[AjvError]:
    if not isinstance(data, dict | list):
        return []
    grouped: dict[str, list[AjvError]] = {key: [] for key in messages}
    for error in errors:
        if error.used or error.keyword == "errorMessage":
            continue
        text = error.instance_pointer
        if not text.startswith(here):
            continue
        rest = text[len(here) :]
        if not rest.startswith("/"):
            continue
        child = rest[1:].split("/", 1)[0].replace("~1", "/").replace("~0", "~")
        if child in grouped:
            grouped[child].append(error)
            error.used = True
    added = []
    for child, matched in grouped.items():
        if matched:
            error = _error(_template(messages[child], data), path, node.spath, matched, node)
            error.instance_path = (*path, child)
            added.append(error)
    return added


def _error(message: str, path, schema_path: str, matched: list[AjvError], node: Node) -> AjvError:
    return AjvError(
        "errorMessage",
        path,
        schema_path + "/errorMessage",
        {"errors": matched},
        message,
        node.schema,
    )


def _template(message: Any, data: Any) -> str:
    text = str(message)
    if "${" not in text:
        return text

    def value(match: re.Match[str]) -> str:
        target: Any = data
        expression = match.group(1)
        if expression.startswith("0"):
            for segment in expression[1:].split("/")[1:]:
                key = segment.replace("~1", "/").replace("~0", "~")
                target = target.get(key) if isinstance(target, dict) else None
        return json_stringify(target)

    return _INTERPOLATION.sub(value, text)


_ = (json, escape_segment)
