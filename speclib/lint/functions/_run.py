"""State kept for the length of one lint run (compiled schemas, the reference graph).

Spectral keeps such state per document; here it is keyed by the raw document a function's
context carries. The last two runs are kept; ``end_run(raw)`` drops one at once.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from ..types import FunctionContext

__all__ = ["end_run", "run_state"]

_RUNS: OrderedDict[int, tuple[Any, dict[str, Any]]] = OrderedDict()
_KEEP = 2


def run_state(context: FunctionContext) -> dict[str, Any]:
    """A dict shared by every function call of the run ``context`` belongs to."""
    key = id(context.raw)
    found = _RUNS.get(key)
    if found is not None and found[0] is context.raw:
        _RUNS.move_to_end(key)
        return found[1]
    state: dict[str, Any] = {}
    _RUNS[key] = (context.raw, state)
    while len(_RUNS) > _KEEP:
        _RUNS.popitem(last=False)
    return state


def end_run(raw: Any) -> None:
    """Forget the state of the run on ``raw`` (the engine calls it when a lint run ends)."""
    found = _RUNS.get(id(raw))
    if found is not None and found[0] is raw:
        del _RUNS[id(raw)]
