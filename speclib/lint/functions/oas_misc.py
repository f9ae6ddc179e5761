"""spectral:oas functions about references, tags, servers and components: refSiblings,
uniquenessTags, serverVariables and oasUnusedComponent."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, unquote

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from .unreferenced import unused_in

__all__ = ["FUNCTIONS"]


@rule_function("refSiblings")
def ref_siblings(target: Any, options: Any, context: FunctionContext):
    path = context.path
    if not path:
        return None
    parent: Any = context.document
    for segment in path[:-1]:
        if not isinstance(parent, dict | list):
            return None
        try:
            parent = parent[segment]
        except (KeyError, IndexError, TypeError):
            return None
    if not isinstance(parent, dict) or len(parent) == 1:
        return None
    return [
        FunctionResult("$ref must not be placed next to any other properties", (*path[:-1], key))
        for key in parent
        if key != "$ref"
    ]


def _ref_siblings_many(targets: list[Any], options: Any, contexts: Any):
    """``refSiblings`` over all of a rule's targets (the engine's batch form): the function
    runs only where the ``$ref`` member's parent holds more than it (a big document has tens of
    thousands of references; their parents are found in one compiled pass)."""
    for index, parent in enumerate(parents(contexts.document, contexts.paths)):
        if isinstance(parent, dict) and len(parent) != 1:
            yield index, ref_siblings(targets[index], options, contexts(index))


def _parents(document: Any, paths: list[tuple]) -> list[Any]:
    """For each path, the container its last segment is in, as ref_siblings reads it (None
    where a step fails): the reference for _resolve.c's ``parents``."""
    found = []
    for path in paths:
        node: Any = document if path else None
        for segment in path[:-1]:
            if not isinstance(node, dict | list):
                node = None
                break
            try:
                node = node[segment]
            except (KeyError, IndexError, TypeError):
                node = None
                break
        found.append(node)
    return found


try:
    from .._resolve import parents  # the same lookups compiled (_resolve.c)
except ImportError:  # no C compiler where it was installed
    parents = _parents


ref_siblings.many = _ref_siblings_many  # type: ignore[attr-defined]


def _named_tags(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(tag, dict) and isinstance(tag.get("name"), str) for tag in value
    )


@rule_function("uniquenessTags", accepts=_named_tags)
def uniqueness_tags(tags: list[dict[str, Any]], options: Any, context: FunctionContext):
    seen: set[str] = set()
    results = []
    for index, tag in enumerate(tags):
        name = tag["name"]
        if name in seen:
            message = f'"tags" object contains duplicate tag name "{name}".'
            results.append(FunctionResult(message, (*context.path, index, "name")))
        seen.add(name)
    return results


_VARIABLE_KEYS = ("enum", "default", "description", "examples")


def _server(value: Any) -> bool:
    if not isinstance(value, dict) or not isinstance(value.get("url"), str):
        return False
    variables = value.get("variables")
    if variables is None and "variables" not in value:
        return True
    if not isinstance(variables, dict):
        return False
    return all(_server_variable(variable) for variable in variables.values())


def _server_variable(variable: Any) -> bool:
    if not isinstance(variable, dict):
        return False
    for key, item in variable.items():
        if key.startswith("x-"):
            continue
        if key not in _VARIABLE_KEYS:
            return False
        if key == "enum":
            if not isinstance(item, list) or not all(isinstance(v, str) for v in item):
                return False
        elif not isinstance(item, str):
            return False
    return True


def url_variables(url: str) -> list[str]:
    return [match[1:-1] for match in re.findall(r"\{.+?\}", url)]


SERVER_OPTIONS = {
    "type": ["object", "null"],
    "properties": {
        "checkSubstitutions": {"type": "boolean", "default": "false"},
        "requireDefault": {"type": "boolean", "default": "false"},
    },
    "additionalProperties": False,
}


@rule_function(
    "serverVariables",
    options=SERVER_OPTIONS,
    accepts=_server,
    invalid_input="Invalid Server Object",
)
def server_variables(target: dict[str, Any], options: Any, context: FunctionContext):
    options = options or {}
    path = context.path
    found = url_variables(target["url"])
    variables = target.get("variables")
    defined = list(variables) if isinstance(variables, dict) else []
    results = [
        FunctionResult(
            f'Server\'s "variables" object has unused defined "{name}" url variable.',
            (*path, "variables", name),
        )
        for name in defined
        if name not in found
    ]
    if not found:
        return results
    missing = [name for name in found if name not in defined]
    if missing:
        message = (
            'Not all server\'s variables are described with "variables" object. Missed: '
            f"{', '.join(missing)}."
        )
        results.append(FunctionResult(message, (*path, "variables")))
    if variables is None:
        return results
    pairs = []
    for name in defined:
        if name not in found:
            continue
        variable = variables[name]
        default = variable.get("default")
        if "enum" in variable:
            pairs.append((name, variable["enum"]))
            if default is not None and default not in variable["enum"]:
                message = f'Server Variable "{name}" has a default not listed in the enum.'
                results.append(FunctionResult(message, (*path, "variables", name, "default")))
        else:
            pairs.append((name, [default] if default is not None else []))
        if default is None and options.get("requireDefault") is True:
            message = f'Server Variable "{name}" has a missing default.'
            results.append(FunctionResult(message, (*path, "variables", name)))
    if options.get("checkSubstitutions") is True and pairs:
        results += _check_substitutions(target["url"], pairs, path)
    return results


def _substitutions(url: str, pairs: list[tuple[str, list[str]]]) -> Iterator[str]:
    if not pairs:
        yield url
        return
    (name, values), rest = pairs[0], pairs[1:]
    for value in values:
        yield from _substitutions(url.replace("{" + name + "}", _encode_uri(value)), rest)


def _encode_uri(value: str) -> str:
    return quote(value, safe=";,/?:@&=+$-_.!~*'()#")


def _check_substitutions(url: str, pairs, path) -> list[FunctionResult]:
    if any(not values for _name, values in pairs):
        return []
    invalid = []
    for substituted in _substitutions(url, pairs):
        if not valid_url(substituted):
            invalid.append(substituted)
            if len(invalid) == 5:
                break
    if not invalid:
        return []
    if len(invalid) == 5:
        message = (
            "At least 5 substitutions of server variables resulted in invalid URLs: "
            f"{', '.join(invalid)} and more"
        )
    else:
        listed = ", ".join(invalid)
        message = f"A few substitutions of server variables resulted in invalid URLs: {listed}"
    return [FunctionResult(message, (*path, "variables"))]


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_SPECIAL = {"http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "file": None}
# WHATWG's forbidden domain code points (checked after percent-decoding the host).
_FORBIDDEN_HOST = re.compile(r"[\x00-\x1f\x7f #/:<>?@\[\\\]^|%]")


def valid_url(text: str) -> bool:
    """Whether ``new URL(text)`` would accept it (the WHATWG URL parser, in short)."""
    text = text.strip("\x00\x20\t\n\r")
    match = _SCHEME.match(text)
    if match is None:
        return False
    scheme = match.group(0)[:-1].lower()
    if scheme not in _SPECIAL:
        return True
    rest = text[len(scheme) + 1 :].replace("\\", "/").lstrip("/")
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host_port = authority.rsplit("@", 1)[-1]
    if host_port.startswith("["):
        host, _, port = host_port[1:].partition("]")
        port = port[1:] if port.startswith(":") else port
        if not host:
            return False
    else:
        host, _, port = host_port.partition(":")
    if scheme != "file" and not host:
        return False
    if not host_port.startswith("[") and _FORBIDDEN_HOST.search(unquote(host)):
        return False
    return port == "" or (port.isdigit() and int(port) <= 65535)


_COMPONENT_TYPES = (
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "links",
    "callbacks",
)


def _with_components(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("components"), dict)


@rule_function("oasUnusedComponent", accepts=_with_components)
def oas_unused_component(target: dict[str, Any], options: Any, context: FunctionContext):
    results = []
    for kind in _COMPONENT_TYPES:
        objects = target["components"].get(kind)
        if isinstance(objects, dict):
            results += unused_in(objects, f"#/components/{kind}", context)
    return results


FUNCTIONS = {
    "refSiblings": ref_siblings,
    "uniquenessTags": uniqueness_tags,
    "serverVariables": server_variables,
    "oasUnusedComponent": oas_unused_component,
}
