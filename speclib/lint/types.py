"""The lint engine's shared data types: findings, positions and the rule-function contract.

Rule functions import only from this module, so they can be written and tested apart
from the engine. The shapes follow Spectral's JSON output and its function signature.

The engine's records are named tuples and slotted classes rather than dataclasses: ``portal
lint`` imports the whole engine on every run, and the methods the dataclasses module generates
for each class cost an eighth of the instructions of linting a small file (callgrind). Records
read in the hot loops are slotted classes: Python specialises reading a slot, not a named
tuple's field.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, NamedTuple, Protocol

__all__ = [
    "Finding",
    "FunctionContext",
    "FunctionResult",
    "JsonPath",
    "Position",
    "Range",
    "Resolver",
    "RulesetError",
    "Severity",
]

JsonPath = tuple[str | int, ...]


class Severity(IntEnum):
    """Spectral's severities, with Spectral's numbers (lower is worse)."""

    ERROR = 0
    WARN = 1
    INFO = 2
    HINT = 3


class Position(NamedTuple):
    """A place in the source text: 0-based line and character, as Spectral's JSON output."""

    line: int
    character: int


class Range(NamedTuple):
    start: Position
    end: Position

    def to_spectral(self) -> dict[str, dict[str, int]]:
        return {
            "start": {"line": self.start.line, "character": self.start.character},
            "end": {"line": self.end.line, "character": self.end.character},
        }


class Finding(NamedTuple):
    """One problem found by one rule at one place of a document."""

    code: str
    message: str
    path: JsonPath
    severity: Severity
    range: Range
    source: str | None = None
    documentation_url: str | None = None

    def to_spectral(self) -> dict[str, Any]:
        """Spectral's JSON shape: the path as a list of strings, severity as its number."""
        result: dict[str, Any] = {
            "code": self.code,
            "path": [str(segment) for segment in self.path],
            "message": self.message,
            "severity": int(self.severity),
            "range": self.range.to_spectral(),
        }
        if self.source is not None:
            result["source"] = self.source
        return result


class RulesetError(Exception):
    """A ruleset the engine cannot use; the message names the rule and the problem."""


class FunctionResult:
    """What a rule function reports; ``path`` is absolute, None meaning the target's path."""

    __slots__ = ("message", "path")

    def __init__(self, message: str, path: JsonPath | None = None) -> None:
        self.message = message
        self.path = path

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FunctionResult):
            return NotImplemented
        return (self.message, self.path) == (other.message, other.path)

    def __hash__(self) -> int:
        return hash((self.message, self.path))

    def __repr__(self) -> str:
        return f"FunctionResult({self.message!r}, path={self.path!r})"


class Resolver(Protocol):
    """Follows ``$ref``s of the document being linted (local and bundled files only)."""

    def resolve_ref(self, ref: str, *, base: JsonPath = ()) -> tuple[Any, JsonPath] | None: ...

    def is_circular(self, ref: str) -> bool: ...


class FunctionContext:
    """Everything a rule function may look at besides its target and options (one per function
    call: a plain class with slots is the cheapest to build)."""

    __slots__ = ("document", "formats", "given_path", "path", "raw", "resolver", "rule_name")

    def __init__(
        self,
        document: Any,  # resolved view when the rule is `resolved`, else the raw data
        raw: Any,
        path: JsonPath,  # path of the target (given match plus then.field)
        given_path: JsonPath,
        rule_name: str,
        formats: frozenset[str],
        resolver: Resolver,
    ) -> None:
        self.document = document
        self.raw = raw
        self.path = path
        self.given_path = given_path
        self.rule_name = rule_name
        self.formats = formats
        self.resolver = resolver

    def __repr__(self) -> str:
        return f"FunctionContext(rule_name={self.rule_name!r}, path={self.path!r})"
