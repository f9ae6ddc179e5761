"""spectral:oas functions about paths and operations: success responses, formData, unique
operation ids, parameters, tags, path parameters and security requirements."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from ._js import UNDEFINED, js_keys, js_string
from .alphabetical import js_to_number

__all__ = ["FUNCTIONS", "all_operations"]

OPERATION_KEYS = ("get", "head", "post", "put", "patch", "delete", "options", "trace")


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


def _js_object(value: Any) -> bool:
    """JavaScript's ``typeof value === "object" && value !== null``: arrays too."""
    return isinstance(value, dict | list)


def _get(value: Any, key: str) -> Any:
    return value.get(key, UNDEFINED) if isinstance(value, dict) else UNDEFINED


def all_operations(paths: Any) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation object under ``paths``."""
    if not isinstance(paths, dict):
        return
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        for method, operation in item.items():
            if method in OPERATION_KEYS and isinstance(operation, dict):
                yield path, method, operation


@rule_function("oasOpSuccessResponse", accepts=_is_object)
def oas_op_success_response(target: dict[str, Any], options: Any, context: FunctionContext):
    oas3 = "oas3" in context.formats
    for code in target:
        if oas3 and code in ("2XX", "3XX"):
            return None
        if 200 <= js_to_number(code) < 400:
            return None
    return [FunctionResult("Operation must define at least a single 2xx or 3xx response")]


_FORM_MEDIA = re.compile(r"(application/x-www-form-urlencoded|multipart/form-data)")


def _form_data_input(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("consumes"), list)
        and isinstance(value.get("parameters"), list)
    )


@rule_function("oasOpFormDataConsumeCheck", accepts=_form_data_input)
def oas_op_form_data_consume_check(target: dict[str, Any], options: Any, context: Any):
    form_data = any(
        isinstance(param, dict) and param.get("in") == "formData" for param in target["parameters"]
    )
    if form_data and not _FORM_MEDIA.search(js_string(target["consumes"])):
        message = (
            "Consumes must include urlencoded, multipart, or form-data media type when using "
            "formData parameter."
        )
        return [FunctionResult(message)]
    return None


def _primitive_key(value: Any) -> tuple[str, Any]:
    """A key under which JavaScript's SameValueZero equal primitives collide."""
    if isinstance(value, bool) or value is None:
        return ("literal", value)
    if isinstance(value, int | float):
        return ("number", value)
    return ("string", value)


@rule_function("oasOpIdUnique", accepts=_is_object)
def oas_op_id_unique(paths: dict[str, Any], options: Any, context: FunctionContext):
    results, seen, seen_objects = [], set(), []
    for path, method, operation in all_operations(paths):
        if "operationId" not in operation:
            continue
        operation_id = operation["operationId"]
        if isinstance(operation_id, dict | list):
            # Objects are equal only to themselves (Array.prototype.includes).
            repeated = any(operation_id is known for known in seen_objects)
            seen_objects.append(operation_id)
        else:
            key = _primitive_key(operation_id)
            repeated = key in seen
            seen.add(key)
        if repeated:
            results.append(
                FunctionResult(
                    "operationId must be unique.", ("paths", path, method, "operationId")
                )
            )
    return results


def _is_list(value: Any) -> bool:
    return isinstance(value, list)


@rule_function("oasOpParams", accepts=_is_list)
def oas_op_params(params: list[Any], options: Any, context: FunctionContext):
    if len(params) < 2:
        return None
    results, fingerprints = [], set()
    duplicates, body, form_data = [], [], []
    for index, param in enumerate(params):
        if not _js_object(param) or (isinstance(param, dict) and "$ref" in param):
            continue
        location = _get(param, "in")
        fingerprint = f"{js_string(location)}-{js_string(_get(param, 'name'))}"
        if fingerprint in fingerprints:
            duplicates.append(index)
        else:
            fingerprints.add(fingerprint)
        if location == "body":
            body.append(index)
        elif location == "formData":
            form_data.append(index)
    duplicate_message = (
        'A parameter in this operation already exposes the same combination of "name" and "in" '
        "values."
    )
    results += [FunctionResult(duplicate_message, (*context.path, i)) for i in duplicates]
    if body and form_data:
        message = 'Operation must not have both "in:body" and "in:formData" parameters.'
        results.append(FunctionResult(message))
    body_message = 'Operation must not have more than a single instance of the "in:body" parameter.'
    results += [FunctionResult(body_message, (*context.path, i)) for i in body[1:]]
    return results


@rule_function("oasTagDefined", accepts=_is_object)
def oas_tag_defined(target: dict[str, Any], options: Any, context: FunctionContext):
    tags = target.get("tags")
    defined = [
        tag["name"]
        for tag in (tags if isinstance(tags, list) else [])
        if isinstance(tag, dict) and isinstance(tag.get("name"), str)
    ]
    results = []
    for path, method, operation in all_operations(target.get("paths")):
        used = operation.get("tags")
        if not isinstance(used, list):
            continue
        for index, tag in enumerate(used):
            if not isinstance(tag, str) or tag not in defined:
                results.append(
                    FunctionResult(
                        "Operation tags must be defined in global tags.",
                        ("paths", path, method, "tags", index),
                    )
                )
    return results


_PATH_PARAM = re.compile(r"(\{;?\??[a-zA-Z0-9_-]+\*?\})")


def _named_path_param(param: dict[str, Any]) -> bool:
    return param.get("in") == "path" and "name" in param


def _check_path_param(param, where, results, seen) -> bool:
    """Spectral's isUnknownNamedPathParam: reports problems; True when ``param`` is new."""
    if not _named_path_param(param):
        return False
    name = js_string(param["name"])
    if param.get("required") is not True:
        results.append(
            FunctionResult(
                f'Path parameter "{name}" must have "required" property that is set to "true".',
                where,
            )
        )
    if name in seen:
        results.append(
            FunctionResult(f'Path parameter "{name}" must not be defined multiple times.', where)
        )
        return False
    return True


def _declared(parameters: Any, where: tuple, results: list) -> dict[str, tuple]:
    declared: dict[str, tuple] = {}
    if not isinstance(parameters, list):
        return declared
    for index, param in enumerate(parameters):
        if not isinstance(param, dict):
            continue
        full = (*where, "parameters", index)
        if _check_path_param(param, full, results, declared):
            declared[js_string(param["name"])] = full
    return declared


@rule_function("oasPathParam", accepts=_is_object)
def oas_path_param(paths: dict[str, Any], options: Any, context: FunctionContext):
    results: list[FunctionResult] = []
    normalized: dict[str, str] = {}
    for path, item in paths.items():
        if not isinstance(item, dict):
            continue
        shape = _PATH_PARAM.sub("%", path)
        if shape in normalized:
            message = f'Paths "{normalized[shape]}" and "{path}" must not be equivalent.'
            results.append(FunctionResult(message, ("paths", path)))
        else:
            normalized[shape] = path
        expected: list[str] = []
        for match in _PATH_PARAM.finditer(path):
            name = re.sub(r"[{}?*;]", "", match.group(0))
            if name in expected:
                message = f'Path "{path}" must not use parameter "{{{name}}}" multiple times.'
                results.append(FunctionResult(message, ("paths", path)))
            else:
                expected.append(name)
        top = _declared(item.get("parameters"), ("paths", path), results)
        for method, operation in item.items():
            if not isinstance(operation, dict | list) or method not in OPERATION_KEYS:
                continue
            where = ("paths", path, method)
            own = _declared(_get(operation, "parameters"), where, results)
            _compare_params(path, {**top, **own}, expected, where, results)
    return results


def _compare_params(path: str, defined: dict, expected: list[str], where: tuple, results: list):
    for name in js_keys(defined):
        if name not in expected:
            message = f'Parameter "{name}" must be used in path "{path}".'
            results.append(FunctionResult(message, defined[name]))
    for name in expected:
        if name not in defined:
            message = f'Operation must define parameter "{{{name}}}" as expected by path "{path}".'
            results.append(FunctionResult(message, where))


def _security_requirement(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(scopes, list) and all(isinstance(scope, str) for scope in scopes)
        for scopes in value.values()
    )


def _scope_defined(version: int, scope: str, scheme: Any) -> bool:
    if not isinstance(scheme, dict):
        return False
    if version == 2:
        return isinstance(scheme.get("scopes"), dict) and scope in scheme["scopes"]
    flows = scheme.get("flows")
    if not isinstance(flows, dict):
        return False
    return any(
        isinstance(flow, dict) and isinstance(flow.get("scopes"), dict) and scope in flow["scopes"]
        for flow in flows.values()
    )


SECURITY_OPTIONS = {
    "type": "object",
    "properties": {"oasVersion": {"enum": [2, 3]}},
    "additionalProperties": False,
}


@rule_function("oasSecurityDefined", options=SECURITY_OPTIONS, accepts=_security_requirement)
def oas_security_defined(target: dict[str, Any], options: dict[str, Any], context: Any):
    # Spectral reads the schemes from the document as written (not resolved).
    if not target or not isinstance(context.raw, dict):
        return None
    version = options.get("oasVersion")
    data = context.raw
    if version == 2:
        schemes = data.get("securityDefinitions")
    else:
        components = data.get("components")
        schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    path = context.path
    results = []
    for name, scopes in target.items():
        if not isinstance(schemes, dict) or name not in schemes:
            owner = "API" if len(path) == 2 else "Operation"
            location = "securityDefinitions" if version == 2 else "components.securitySchemes"
            message = (
                f'{owner} "security" values must match a scheme defined in the "{location}" object.'
            )
            results.append(FunctionResult(message, (*path, name)))
            continue
        for index, scope in enumerate(scopes):
            if not _scope_defined(version, scope, schemes[name]):
                message = f'"{scope}" must be listed among scopes.'
                results.append(FunctionResult(message, (*path, name, index)))
    return results or None


FUNCTIONS = {
    "oasOpSuccessResponse": oas_op_success_response,
    "oasOpFormDataConsumeCheck": oas_op_form_data_consume_check,
    "oasOpIdUnique": oas_op_id_unique,
    "oasOpParams": oas_op_params,
    "oasTagDefined": oas_tag_defined,
    "oasPathParam": oas_path_param,
    "oasSecurityDefined": oas_security_defined,
}
