"""Spectral's simplest core functions: truthy, falsy, defined, undefined, length, enumeration,
xor and or.

Messages keep Spectral's ``#{{print(...)}}`` templates; the engine fills them (see messages).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..types import FunctionContext, FunctionResult
from ._base import rule_function
from ._js import UNDEFINED, js_truthy, print_value
from .options import OPTIONS

__all__ = ["FUNCTIONS"]

Results = list[FunctionResult] | None


def _truthy(target: Any) -> bool:
    return js_truthy(target)


def _falsy(target: Any) -> bool:
    return not js_truthy(target)


def _defined(target: Any) -> bool:
    return target is not UNDEFINED


def _undefined(target: Any) -> bool:
    return target is UNDEFINED


def _check(name: str, test: Callable[[Any], bool], message: str):
    """A function whose target must pass ``test``, with a batch form (see engine.py): the
    same result for each target that fails, no context needed."""

    @rule_function(name, options=OPTIONS[name])
    def check(target: Any, options: Any, context: FunctionContext) -> Results:
        return None if test(target) else [FunctionResult(message)]

    def many(targets: list[Any], options: Any, _context_of: Any = None):
        for index, target in enumerate(targets):
            if not test(target):
                yield index, [FunctionResult(message)]

    check.many = many  # type: ignore[attr-defined]
    return check


truthy = _check("truthy", _truthy, '#{{print("property")}}must be truthy')
falsy = _check("falsy", _falsy, '#{{print("property")}}must be falsy')
defined = _check("defined", _defined, '#{{print("property")}}must be defined')
undefined = _check("undefined", _undefined, '#{{print("property")}}must be undefined')


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _sized(value: Any) -> bool:
    return isinstance(value, dict | list | str) or _is_number(value)


@rule_function("length", options=OPTIONS["length"], accepts=_sized)
def length(target: Any, options: dict[str, Any], context: FunctionContext) -> Results:
    size = target if _is_number(target) else len(target)
    results = []
    if "min" in options and size < options["min"]:
        message = f'#{{{{print("property")}}}}must be longer than {print_value(options["min"])}'
        results.append(FunctionResult(message))
    if "max" in options and size > options["max"]:
        message = f'#{{{{print("property")}}}}must be shorter than {print_value(options["max"])}'
        results.append(FunctionResult(message))
    return results or None


def _primitive(value: Any) -> bool:
    return value is None or isinstance(value, str | bool | int | float)


def _same_value(a: Any, b: Any) -> bool:
    """``Array.prototype.includes``: ``1`` equals ``1.0`` but not ``true``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return type(a) is type(b) and a == b or (_is_number(a) and _is_number(b) and a == b)


@rule_function("enumeration", options=OPTIONS["enumeration"], accepts=_primitive)
def enumeration(target: Any, options: dict[str, Any], context: FunctionContext) -> Results:
    values = options["values"]
    if any(_same_value(target, value) for value in values):
        return None
    allowed = ", ".join(print_value(value) for value in values)
    message = f'#{{{{print("value")}}}} must be equal to one of the allowed values: {allowed}'
    return [FunctionResult(message)]


def _is_object(value: Any) -> bool:
    return isinstance(value, dict)


def _missing_all(properties: list[str]) -> FunctionResult:
    if len(properties) > 4:
        shown = '" or "'.join(properties[:3])
        others = f"{len(properties) - 3} other properties must be defined"
        return FunctionResult(f'At least one of "{shown}" or {others}')
    return FunctionResult('At least one of "' + '" or "'.join(properties) + '" must be defined')


@rule_function("xor", options=OPTIONS["xor"], accepts=_is_object)
def xor(target: dict[str, Any], options: dict[str, Any], context: FunctionContext) -> Results:
    properties = options["properties"]
    if len(properties) < 2:
        return None
    present = [key for key in target if key in properties]
    if not present:
        return [_missing_all(properties)]
    if len(present) > 1:
        return [FunctionResult('Just one of "' + '" and "'.join(present) + '" must be defined')]
    return []


@rule_function("or", options=OPTIONS["or"], accepts=_is_object)
def or_(target: dict[str, Any], options: dict[str, Any], context: FunctionContext) -> Results:
    properties = options["properties"]
    if len(properties) < 2:
        return None
    if any(key in properties for key in target):
        return []
    return [_missing_all(properties)]


FUNCTIONS = {
    "truthy": truthy,
    "falsy": falsy,
    "defined": defined,
    "undefined": undefined,
    "length": length,
    "enumeration": enumeration,
    "xor": xor,
    "or": or_,
}
