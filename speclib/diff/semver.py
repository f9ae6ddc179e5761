"""The semantic-versioning policy: does a release's version number say what its changes do?

Reads the differ's changes and two version strings, and reports what is wrong as findings
(``Change`` objects with their own ids, so they sit beside the differ's in every output):

- ``semver-major-bump-required``: a blocking (breaking) change needs the next major version,
  or the next minor version below 1.0.0, where the major is still 0;
- ``semver-minor-bump-required``: an addition (a new endpoint, parameter, property, media
  type...) or a deprecation needs at least the next minor version;
- ``semver-version-decreased``: a release is never lower than the one it follows;
- ``semver-invalid-version``: a version that is not a semantic version cannot be checked.

Each finding's level comes from a :class:`SemverPolicy`, so one audience can make them errors
and another warnings. Changes a reviewer accepted (``ignored_because``) do not count.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import Change, Level

__all__ = [
    "FINDING_IDS",
    "Bump",
    "SemverPolicy",
    "Version",
    "bump_between",
    "is_addition",
    "parse_version",
    "required_bump",
    "semver_findings",
]

MAJOR_REQUIRED = "semver-major-bump-required"
MINOR_REQUIRED = "semver-minor-bump-required"
DECREASED = "semver-version-decreased"
INVALID = "semver-invalid-version"
FINDING_IDS = (MAJOR_REQUIRED, MINOR_REQUIRED, DECREASED, INVALID)

# Semantic Versioning 2.0.0 (build metadata allowed and ignored, as precedence ignores it).
_SEMVER = re.compile(
    r"^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$"
)
# Rule ids of the differ that name something new a consumer can start to use.
_ADDITION = re.compile(r"(^new-|-added($|-))")


class Bump(enum.IntEnum):
    """How far apart two versions are, ordered so that a larger bump compares greater."""

    NONE = 0
    PATCH = 1
    MINOR = 2
    MAJOR = 3


@dataclass(frozen=True, slots=True, order=False)
class Version:
    """A parsed semantic version; ``key`` orders versions by semver precedence."""

    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...] = ()
    text: str = ""

    @property
    def key(self) -> tuple:
        # A pre-release sorts before its release; numeric identifiers before alphanumeric ones.
        pre = tuple(
            (0, int(part), "") if part.isdigit() else (1, 0, part) for part in self.prerelease
        )
        return (self.major, self.minor, self.patch, 0 if self.prerelease else 1, pre)

    def __str__(self) -> str:
        return self.text or f"{self.major}.{self.minor}.{self.patch}"


def parse_version(text: str) -> Version | None:
    """The semantic version in ``text`` (a leading "v" allowed), or None if it is not one."""
    match = _SEMVER.match(text.strip())
    if match is None:
        return None
    major, minor, patch, prerelease = match.groups()
    parts = tuple(prerelease.split(".")) if prerelease else ()
    return Version(int(major), int(minor), int(patch), parts, text.strip())


def bump_between(base: Version, revision: Version) -> Bump:
    """The part of the version number that changed from ``base`` to ``revision``."""
    if revision.major != base.major:
        return Bump.MAJOR if revision.major > base.major else Bump.NONE
    if revision.minor != base.minor:
        return Bump.MINOR if revision.minor > base.minor else Bump.NONE
    if revision.patch != base.patch:
        return Bump.PATCH if revision.patch > base.patch else Bump.NONE
    return Bump.NONE


def is_addition(change: Change) -> bool:
    """A change that gives consumers something new (or deprecates something): a minor's worth."""
    return bool(_ADDITION.search(change.id)) or "deprecated" in change.id


def required_bump(changes: Iterable[Change]) -> tuple[Bump, list[Change]]:
    """The smallest bump the changes need, with the changes that need it.

    Breaking changes need a major; additions and deprecations a minor; anything else a patch.
    """
    counted = [change for change in changes if change.ignored_because is None]
    breaking = [change for change in counted if change.blocking]
    if breaking:
        return Bump.MAJOR, breaking
    additions = [change for change in counted if is_addition(change)]
    if additions:
        return Bump.MINOR, additions
    return (Bump.PATCH, counted) if counted else (Bump.NONE, [])


@dataclass(frozen=True, slots=True)
class SemverPolicy:
    """The level of each semver finding (ERROR unless told otherwise)."""

    levels: Mapping[str, Level] = field(default_factory=dict)

    @classmethod
    def uniform(cls, level: Level) -> SemverPolicy:
        return cls(levels=dict.fromkeys(FINDING_IDS, level))

    def level(self, finding_id: str) -> Level:
        return self.levels.get(finding_id, Level.ERROR)


def semver_findings(
    changes: Iterable[Change],
    base: str | None,
    revision: str,
    *,
    policy: SemverPolicy | None = None,
) -> list[Change]:
    """What is wrong with going from version ``base`` to ``revision`` given ``changes``.

    ``base`` None means a first release: there is nothing to compare with, so only the
    revision's own form is checked. An empty list means the version number is right.
    """
    policy = policy or SemverPolicy()
    new = parse_version(revision)
    old = parse_version(base) if base is not None else None
    invalid = [text for text, parsed in ((base, old), (revision, new)) if text and not parsed]
    if invalid:
        return [
            _finding(policy, INVALID, f"“{text}” is not a semantic version.", version=text)
            for text in invalid
        ]
    if old is None or new is None:
        return []
    if new.key < old.key:
        text = f"Version {new} is lower than {old}, the version it follows."
        return [_finding(policy, DECREASED, text, base=str(old), revision=str(new))]
    return _bump_findings(policy, list(changes), old, new)


def _bump_findings(
    policy: SemverPolicy, changes: list[Change], old: Version, new: Version
) -> list[Change]:
    needed, causes = required_bump(changes)
    # Below 1.0.0 the major stays 0 while the API settles: a minor bump may break.
    if needed is Bump.MAJOR and old.major == 0 and new.major == 0:
        needed = Bump.MINOR
        finding_id = MAJOR_REQUIRED
    else:
        finding_id = MAJOR_REQUIRED if needed is Bump.MAJOR else MINOR_REQUIRED
    made = bump_between(old, new)
    # A pre-release promises nothing (semver item 9): leaving one for a release is no bump.
    if needed < Bump.MINOR or made >= needed or (old.prerelease and made is Bump.NONE):
        return []
    expected = _next(old, needed)
    what = "breaking change" if finding_id == MAJOR_REQUIRED else "addition or deprecation"
    count = len(causes)
    text = (
        f"{count} {what}{'s' if count != 1 else ''} since {old} "
        f"need{'s' if count == 1 else ''} version {expected} or later; {new} {_MADE[made]}."
    )
    args = {
        "base": str(old),
        "revision": str(new),
        "expected": expected,
        "bump": made.name.lower(),
        "required": needed.name.lower(),
        "changes": sorted({change.id for change in causes}),
    }
    return [_finding(policy, finding_id, text, **args)]


_MADE = {
    Bump.NONE: "changes none of the major, minor and patch numbers",
    Bump.PATCH: "is only a patch bump",
    Bump.MINOR: "is only a minor bump",
}


def _next(version: Version, bump: Bump) -> str:
    if bump is Bump.MAJOR:
        return f"{version.major + 1}.0.0"
    return f"{version.major}.{version.minor + 1}.0"


def _finding(policy: SemverPolicy, finding_id: str, text: str, **args: object) -> Change:
    return Change(id=finding_id, level=policy.level(finding_id), text=text, args=dict(args))
