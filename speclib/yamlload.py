"""Build JSON values directly from libyaml's event stream, guarding as it goes.

Why not ``yaml.load(..., Loader=CSafeLoader)``: its C composer recurses once
per nesting level and can overflow the C stack (killing the worker process) on
hostile input, aliases are expanded by whoever walks the result later, and its
resolver is YAML 1.1. libyaml's *parser* is iterative, so this module consumes
its events with an explicit stack and checks depth, expanded size (counting
every alias as the full size of its anchor, without copying anything) and
duplicate keys before each node is attached. One pass, no recursion, and about
three times faster than ``CSafeLoader`` because no node graph is composed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import SpecError
from .verbatim import VERBATIM_PATHS
from .yamlscalars import resolve_plain

if TYPE_CHECKING:
    import yaml

    from .yamltape import Tape

try:
    # Builder's usual path compiled (_yamlbuild.c, built at install where libyaml's headers
    # are), over its own first reader of block-style YAML (_yamlscan.h) or libyaml where that
    # declines: no Python object per event. It hands anything unusual back to Builder.
    from . import _yamlbuild as _native
except ImportError:  # no C compiler or no libyaml headers where it was installed
    _native = None

__all__ = ["load_yaml", "load_yaml_events"]

_UNSET: Any = object()
# LibYAML's parser (PyYAML's CParser), looked up on first use; None: PyYAML's Python parser.
_FastParser: Any = _UNSET

_NATIVE_MAX_DEPTH = 1_000


def load_yaml(data: bytes, *, max_depth: int, max_nodes: int, tape: Tape | None = None) -> Any:
    """Parse one UTF-8 YAML document into JSON values (dict keys are always strings), and
    record where each node was written on ``tape`` if one is given.

    Raises SpecError: "too-deep", "alias-bomb", "too-large" (node count),
    "duplicate-key", "empty" (no node at all) or "invalid-yaml", with a line.
    """
    if _native is not None:
        # The system's libyaml may lack the nesting limit of PyYAML's (1,000 levels), without
        # which flow collections nested deeper take quadratic time: deeper goes to Builder.
        depth = min(max_depth, _NATIVE_MAX_DEPTH)
        try:
            return _native.load(data, depth, max_nodes, tape, resolve_plain, VERBATIM_PATHS)
        except _native.Fallback:
            pass  # a problem, or what only Builder handles: Builder decides (and words it)
    return load_yaml_events(data, max_depth=max_depth, max_nodes=max_nodes, tape=tape)


def load_yaml_events(
    data: bytes, *, max_depth: int, max_nodes: int, tape: Tape | None = None
) -> Any:
    """``load_yaml`` over PyYAML's events with Builder: the reference for _yamlbuild.c. PyYAML
    is imported here, on first use: the compiled loader reads most documents (and rulesets)
    without it, and its import costs as much as linting a small document."""
    global _FastParser  # noqa: PLW0603 - looked up once, on first use
    import yaml  # noqa: PLC0415

    from .yamlbuild import Builder  # noqa: PLC0415 - it imports PyYAML's events

    if _FastParser is _UNSET:
        try:  # LibYAML's parser: C speed, iterative state machine.
            from yaml._yaml import CParser as _FastParser  # noqa: PLC0415
        except ImportError:  # pragma: no cover - the locked PyYAML wheel ships LibYAML
            _FastParser = None
    parser = _FastParser(data) if _FastParser is not None else yaml.SafeLoader(data)
    try:
        return Builder(max_depth, max_nodes, tape).run(parser.get_event)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, data) from None
    finally:
        parser.dispose()


def _syntax_error(exc: yaml.YAMLError, data: bytes) -> SpecError:
    """Translate a libyaml error into a SpecError carrying the line."""
    import yaml  # noqa: PLC0415 - loaded by load_yaml_events already

    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    if isinstance(exc, yaml.reader.ReaderError):
        line = data.count(b"\n", 0, exc.position) + 1
        problem = f"unacceptable character #x{exc.character:04x} ({exc.reason})"
    else:
        problem = getattr(exc, "problem", None) or str(exc)
    if "maximum nesting depth" in problem:
        return SpecError("too-deep", f"The document is nested too deeply (line {line}).", line=line)
    context = getattr(exc, "context", None)
    detail = f"{context}: {problem}" if context else problem
    where = f" on line {line}" if line is not None else ""
    return SpecError("invalid-yaml", f"The YAML is not valid{where}: {detail}.", line=line)
