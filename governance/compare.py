"""Any two versions of an API compared on demand, for the compare page: the differ's changes
in the shape the release checks store, the Markdown changelog, and the consumers the breaking
ones reach.

A spec document never changes (it is stored by its hash), so neither does the comparison of
two of them: it is cached by the two hashes, and the second reader of a pair waits for
nothing. The differ reads both documents in the web process; it takes under a second for
most pairs and about 2.5 s for GitHub's 11.6 MB description (docs/diff.md).
"""

from dataclasses import asdict, dataclass, field

from django.core.cache import cache

import speclib
from catalog.models import SpecDocument, Version
from governance.services.releases_checks import change_as_json
from governance.services.releases_impact import release_impact

CACHE_SECONDS = 7 * 24 * 3600
_CACHE_VERSION = 1  # bump when the shape of a cached comparison changes

# Removed after a deprecation: not breaking for a release (oasdiff's level is info, since the
# consumers were warned), but a consumer still calling it breaks all the same. Comparing
# versions is how a consumer plans a migration, so these count apart ("removed": True) and
# reach the consumers that still call them.
REMOVED_AFTER_DEPRECATION = frozenset(
    {
        "api-path-removed-with-deprecation",
        "api-removed-with-deprecation",
        "request-parameter-removed-with-deprecation",
    }
)


@dataclass(frozen=True)
class Comparison:
    """The changes from `base` to `revision` (worst first), or why there are none."""

    changes: list[dict] = field(default_factory=list)
    changelog: str = ""
    failed: str = ""

    @property
    def counts(self) -> dict[str, int]:
        counts = {"breaking": 0, "removed": 0, "warning": 0, "info": 0}
        for change in self.changes:
            if change["blocking"]:
                counts["breaking"] += 1
            else:
                counts["removed" if change["removed"] else change["level"]] += 1
        return counts


def versions_compare(base: Version, revision: Version) -> Comparison:
    """Compares the specs of two versions (both must have one)."""
    hashes = dict(
        SpecDocument.objects.filter(pk__in=[base.spec_id, revision.spec_id]).values_list(
            "pk", "sha256"
        )
    )
    key = ":".join(
        (
            f"compare:{_CACHE_VERSION}",
            hashes[base.spec_id],
            hashes[revision.spec_id],
            base.version,  # the changelog names both versions
            revision.version,
        )
    )
    cached = cache.get(key)
    if cached is not None:
        return Comparison(**cached)
    comparison = _compare(base, revision)
    if not comparison.failed:  # a failure may be the memory of the moment: try again next time
        cache.set(key, asdict(comparison), CACHE_SECONDS)
    return comparison


def _compare(base: Version, revision: Version) -> Comparison:
    from speclib.diff import compare
    from speclib.diff.render import render_markdown

    contents = dict(
        SpecDocument.objects.filter(pk__in=[base.spec_id, revision.spec_id]).values_list(
            "pk", "content"
        )
    )
    try:
        result = compare(
            bytes(contents[base.spec_id]),
            bytes(contents[revision.spec_id]),
            base_name=base.version,
            revision_name=revision.version,
        )
    except speclib.SpecError as exc:
        where = f" (line {exc.line})" if exc.line else ""
        return Comparison(failed=f"The documents could not be compared: {exc.message}{where}")
    except (MemoryError, RecursionError):
        return Comparison(failed="The documents are too large or too deeply nested to compare.")
    changes = [
        {**change_as_json(change), "removed": change.id in REMOVED_AFTER_DEPRECATION}
        for change in result.changes
    ]
    return Comparison(changes, render_markdown(result))


def comparison_impact(base: Version, comparison: Comparison) -> dict | None:
    """The consumers that called, on `base`, an operation a breaking change touches or that
    is removed (not cached: calls keep arriving)."""
    changes = [
        {**change, "blocking": True} if change["removed"] else change
        for change in comparison.changes
    ]
    return release_impact(base=base, changes=changes)
