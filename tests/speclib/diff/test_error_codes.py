"""Every code speclib (the differ's loading included) raises is in the closed ERROR_CODES set."""

from __future__ import annotations

import ast
from pathlib import Path

import speclib
from speclib import ERROR_CODES, SpecError
from speclib.diff import UnresolvedReference

PACKAGE = Path(speclib.__file__).parent


def _raised_codes() -> dict[str, str]:
    """code -> "module:line" of every SpecError built with a literal code (subclasses too)."""
    found = {}
    for module in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(), str(module))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            named = isinstance(func, ast.Name) and func.id == "SpecError"
            via_super = isinstance(func, ast.Attribute) and func.attr == "__init__"
            first = node.args[0]
            if (named or via_super) and isinstance(first, ast.Constant):
                found[first.value] = f"{module.relative_to(PACKAGE)}:{node.lineno}"
    return found


def test_it_declares_every_code_raised():
    raised = _raised_codes()
    assert {"unresolved-ref", "alias-bomb", "not-openapi"} <= raised.keys()
    undeclared = {code: where for code, where in raised.items() if code not in ERROR_CODES}
    assert undeclared == {}


def test_it_gives_an_unresolved_reference_its_declared_code():
    refusal = UnresolvedReference("base: the reference '#/x' points at nothing in the document.")
    assert isinstance(refusal, SpecError)
    assert refusal.code == "unresolved-ref" in ERROR_CODES
    assert refusal.to_dict()["code"] == "unresolved-ref"
