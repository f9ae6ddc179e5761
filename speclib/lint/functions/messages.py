"""Spectral's message templates: ``{{error}}``, ``{{property}}``... and ``#{{print("value")}}``.

Rule functions word some results with templates that only the engine can fill, because they
depend on where a finding is finally reported: ``#{{print("property")}}`` becomes
``"name" property `` (or ``The document ``) and ``#{{print("value")}}`` the printed value at the
finding's path. The engine renders a function's message with ``render(message, values)`` and
then the rule's own ``message`` with ``error`` set to that result, as Spectral does.

    values = {"property": "name", "value": value, "error": ..., "path": "#/info/name",
              "description": rule_description}
"""

from __future__ import annotations

import re
from typing import Any

from ._js import UNDEFINED, js_string, print_value

__all__ = ["render"]

_TEMPLATE = re.compile(r"#?\{\{([^}\n]+)\}\}")
_CALL = re.compile(r"""^(\w+)\(\s*(?:"([^"]*)"|'([^']*)'|(\w+))?\s*\)$""")
_DISALLOWED = re.compile(r"constructor|process|require|global|mainModule|fs|child_process")


def render(template: str, values: dict[str, Any]) -> str:
    """``template`` with its ``{{name}}`` and ``#{{expression}}`` parts filled from ``values``."""

    def fill(match: re.Match[str]) -> str:
        body = match.group(1)
        if match.group(0).startswith("#"):
            return _evaluate(body.strip(), values)
        if body not in values:
            return ""
        return js_string(values[body])

    return _TEMPLATE.sub(fill, template)


def _print(kind: str, values: dict[str, Any]) -> str:
    if kind == "property":
        prop = values.get("property")
        if prop not in (None, "", UNDEFINED):
            return f'"{prop}" property '
        return "The document "
    if kind == "value":
        return print_value(values.get("value", UNDEFINED))
    found = values.get(kind)
    return "" if found is None or found is UNDEFINED else js_string(found)


def _evaluate(expression: str, values: dict[str, Any]) -> str:
    """The small subset of Spectral's expressions rulesets use: ``print("x")``,
    ``toUpperCase``, identifiers and string literals joined with ``+``."""
    if _DISALLOWED.search(expression):
        return ""
    parts = [part.strip() for part in expression.split("+")]
    out = []
    for part in parts:
        upper = part.endswith(".toUpperCase()")
        if upper:
            part = part[: -len(".toUpperCase()")]
        text = _term(part, values)
        out.append(text.upper() if upper else text)
    return "".join(out)


def _term(part: str, values: dict[str, Any]) -> str:
    if len(part) >= 2 and part[0] == part[-1] and part[0] in "\"'":
        return part[1:-1]
    call = _CALL.match(part)
    if call is not None:
        name, argument = call.group(1), call.group(2) or call.group(3) or call.group(4) or ""
        if name == "print":
            return _print(argument, values)
        if name == "toUpperCase":
            return _term(argument, values).upper()
        return ""
    found = values.get(part)
    return "" if found is None or found is UNDEFINED else js_string(found)
