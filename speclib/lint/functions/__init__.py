"""The registry of rule functions, by the names rulesets use in ``then.function``.

Each module of this package exports ``FUNCTIONS: dict[str, Callable]``; the registry merges
them. A module that is not written yet is simply absent from the registry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["FUNCTIONS", "RuleFunction"]

RuleFunction = Callable[..., Any]

_MODULES = ("core", "oas")


def _collect() -> dict[str, RuleFunction]:
    registry: dict[str, RuleFunction] = {}
    for module_name in _MODULES:
        try:
            module = importlib.import_module(f"{__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            # Only tolerate the module itself being absent, never a broken import inside it.
            if exc.name != f"{__name__}.{module_name}":
                raise
            continue
        registry.update(getattr(module, "FUNCTIONS", {}))
    return registry


FUNCTIONS: dict[str, RuleFunction] = _collect()
