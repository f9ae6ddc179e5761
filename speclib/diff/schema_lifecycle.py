"""Deprecated properties and their sunsets, and properties' stability levels.

Deprecating a property is news for the changelog; when the policy asks for notice
(``deprecation_days_beta``/``_stable``, by the operation's stability) the deprecation must carry
an ``x-sunset`` at least that far away. A property's ``x-stability-level`` going down (stable to
beta, say) is breaking, as for operations.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .lifecycle import InvalidValue, notice_days, stability_of, stability_rank, sunset_of
from .model import Change
from .options import DiffOptions
from .schema_report import Reporter
from .schema_tree import SchemaDiff
from .schema_walk import modified

__all__ = ["lifecycle_changes"]


def lifecycle_changes(r: Reporter, root: SchemaDiff) -> Iterator[Change | None]:
    """Property deprecations (with their sunsets) and stability level changes."""
    if r.site.kind not in ("request-body", "response-body"):
        return
    side = "request" if r.site.is_request else "response"
    options = r.ctx.options if isinstance(r.ctx.options, DiffOptions) else DiffOptions()
    for node in modified(root):
        if node.diff.added or node.diff.deleted:
            continue
        if node.diff.changed("deprecated") is not None:
            yield _deprecation(r, node.diff, node.name, side, options)
        if node.diff.changed("x-stability-level") is not None:
            yield _stability(r, node.diff, node.name, side, options)


def _deprecation(
    r: Reporter, diff: SchemaDiff, name: str, side: str, options: DiffOptions
) -> Change | None:
    prefix = f"{side}-property-"
    if diff.revision.get("deprecated") is not True:
        return r.change(prefix + "reactivated", diff, property=name)
    days = notice_days(options, r.ctx.stability)
    try:
        sunset = sunset_of(diff.revision)
    except InvalidValue as exc:
        return r.change(prefix + "deprecated-sunset-invalid", diff, str(exc), property=name)
    if sunset is None:
        suffix = "deprecated-sunset-missing" if days > 0 else "deprecated"
        return r.change(prefix + suffix, diff, property=name)
    today = options.today or date.today()
    if (sunset - today).days < days:
        return r.change(prefix + "sunset-date-too-small", diff, str(sunset), days, property=name)
    return r.change(prefix + "deprecated-with-sunset", diff, str(sunset), property=name)


def _stability(
    r: Reporter, diff: SchemaDiff, name: str, side: str, options: DiffOptions
) -> Change | None:
    try:
        old, new = stability_of(diff.base), stability_of(diff.revision)
    except InvalidValue as exc:
        return r.change("api-invalid-stability-level", diff, str(exc))
    old_rank, new_rank = stability_rank(old), stability_rank(new)
    if old_rank == new_rank:
        return None
    wanted = options.stability_level
    if wanted and old_rank < stability_rank(wanted):
        return None  # less stable than the level the run compares
    direction = "decreased" if new_rank < old_rank else "increased"
    return r.change(
        f"{side}-property-stability-{direction}",
        diff,
        property=name,
        from_=old or "stable",
        to=new or "stable",
    )
