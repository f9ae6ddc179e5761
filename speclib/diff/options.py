"""What a comparison is asked to do (DiffOptions) and what it answers (DiffResult)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .model import Change, Level

__all__ = ["STABILITY_LEVELS", "DiffOptions", "DiffResult", "Ignore"]

# x-stability-level values, least stable first (oasdiff's order).
STABILITY_LEVELS = ("draft", "alpha", "beta", "stable")


@dataclass(frozen=True, slots=True)
class Ignore:
    """A change a reviewer accepted: rule ``id`` (on ``operation``, or anywhere when None)."""

    id: str
    operation: str | None
    reason: str

    def matches(self, change: Change) -> bool:
        if self.id != change.id:
            return False
        return self.operation is None or _same_operation(self.operation, change.operation)


def _same_operation(wanted: str, actual: str | None) -> bool:
    if actual is None:
        return False
    method, _, path = wanted.strip().partition(" ")
    other_method, _, other_path = actual.partition(" ")
    return method.upper() == other_method and path.strip() == other_path


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How to compare.

    ``deprecation_days_beta``/``_stable`` are oasdiff's ``WithDeprecation(betaDays,
    stableDays)``: the notice a deprecation must give (0: no notice asked). ``today`` fixes the
    date sunsets are compared with (tests, reproducible reports). ``include_checks`` runs only
    the rules of the named oasdiff checks (as oasdiff's own tests do). ``stability_level`` is
    oasdiff's StabilityLevel setting: endpoints and properties less stable than it are not
    compared for stability changes.
    """

    flatten_allof: bool = False
    deprecation_days_beta: int = 0
    deprecation_days_stable: int = 0
    today: date | None = None
    ignore: tuple[Ignore, ...] = ()
    min_level: Level = Level.INFO
    include_checks: frozenset[str] | None = None
    stability_level: str | None = None


@dataclass(slots=True)
class DiffResult:
    """The changes between two documents, worst first (then by operation, then by id)."""

    changes: list[Change] = field(default_factory=list)
    base_name: str = "base"
    revision_name: str = "revision"

    @property
    def breaking(self) -> list[Change]:
        """The changes that block a release: errors no ignore entry accepted."""
        return [change for change in self.changes if change.blocking]

    @property
    def worst(self) -> Level | None:
        """The highest level among the changes that were not accepted, None when there is none."""
        levels = [change.level for change in self.changes if change.ignored_because is None]
        return max(levels, default=None)
