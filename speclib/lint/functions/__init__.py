"""The registry of rule functions, by the names rulesets use in ``then.function``.

Each module of this package exports ``FUNCTIONS: dict[str, Callable]``; the registry merges
them. A module that is not written yet is simply absent from the registry.

What the engine can rely on, for every function here:

- ``fn.validate_options(options)`` checks ``functionOptions`` (None when absent) as Spectral does
  when it loads a ruleset, and raises ``_base.OptionsError`` (a ``RulesetError`` and a
  ``ValueError``) worded as Spectral's; ``fn.options_schema`` is the JSON Schema behind it.
- A missing target (``then.field`` naming nothing) is passed as ``_js.UNDEFINED``, JavaScript's
  ``undefined``; ``None`` is JSON ``null``.
- Messages may hold Spectral's ``#{{print("property")}}`` and ``#{{print("value")}}``, filled
  where the finding is finally placed (the engine's ``message.render``).
- Per-run caches (compiled schemas, the reference graph) are keyed by ``context.raw``;
  ``_run.end_run(raw)`` frees them when a run ends (the last two runs are kept otherwise).
- Regular expressions go through ``jsregex``, which refuses catastrophic patterns.
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
