"""Walks each demo version through its lifecycle with the services, as its team would have."""

import datetime

from catalog.demo.plans import ApiPlan, VersionPlan
from catalog.models import Lifecycle, Version
from catalog.services import Actor, semver_parse, version_update

# The steps after creation. A version is created in its first state (draft, in review or,
# for one that was released at some point, released with its date), then walks on.
LATER_STEPS = {
    Lifecycle.DEPRECATED: [Lifecycle.DEPRECATED],
    Lifecycle.RETIRED: [Lifecycle.DEPRECATED, Lifecycle.RETIRED],
}


def semver_key(version: str) -> tuple:
    """Orders versions as semver does: a pre-release comes before its release."""
    major, minor, patch, prerelease = semver_parse(version)
    return major, minor, patch, prerelease == "", prerelease


def successor_of(api: ApiPlan, plan: VersionPlan) -> str | None:
    """What a deprecated or retired version's users should move to: the newest release after
    it, or else the next newer version that was released at some point."""
    if plan.lifecycle not in (Lifecycle.DEPRECATED, Lifecycle.RETIRED):
        return None
    newer = sorted(
        (v for v in api.versions if semver_key(v.version) > semver_key(plan.version)),
        key=lambda v: semver_key(v.version),
    )
    live = [v for v in newer if v.lifecycle == Lifecycle.RELEASED]
    if live:
        return live[-1].version
    gone = [v for v in newer if v.lifecycle in (Lifecycle.DEPRECATED, Lifecycle.RETIRED)]
    return gone[0].version if gone else None


def planned_dates(plan: VersionPlan, today: datetime.date) -> dict[str, datetime.date | None]:
    def days(offset: int | None) -> datetime.date | None:
        return None if offset is None else today + datetime.timedelta(days=offset)

    return {
        "released_on": days(None if plan.released_days_ago is None else -plan.released_days_ago),
        "deprecated_on": days(
            None if plan.deprecated_days_ago is None else -plan.deprecated_days_ago
        ),
        "sunset_on": days(plan.sunset_in_days),
    }


def first_state(plan: VersionPlan, today: datetime.date) -> dict:
    """The lifecycle and date a version is created with."""
    if plan.lifecycle in (Lifecycle.DRAFT, Lifecycle.IN_REVIEW):
        return {"lifecycle": plan.lifecycle}
    return {
        "lifecycle": Lifecycle.RELEASED,
        "released_on": planned_dates(plan, today)["released_on"],
    }


# The demo's deprecations happened in its made-up past, and some sunsets fall within days,
# to show every stage of a countdown: shorter than the notice policy asks for today.
HISTORY_OVERRIDE = "Demo catalog: past deprecations, dated to show every stage of a sunset."


def version_advance(
    *, actor: Actor, version: Version, plan: VersionPlan, successor: Version | None, today
) -> Version:
    """Deprecates (and retires) a released version as the plan says, one allowed step at a
    time, so the audit trail shows each change of lifecycle."""
    dates = planned_dates(plan, today)
    for state in LATER_STEPS.get(Lifecycle(plan.lifecycle), []):
        fields: dict = {"lifecycle": state}
        if state == Lifecycle.DEPRECATED:
            fields.update(
                deprecated_on=dates["deprecated_on"],
                sunset_on=dates["sunset_on"],
                successor=successor,
            )
        version = version_update(
            actor=actor, version=version, override_reason=HISTORY_OVERRIDE, **fields
        )
    return version


def version_realign(*, actor: Actor, version: Version, plan: VersionPlan, today) -> bool:
    """Shifts a loaded version's dates to stay relative to today, so "sunsets in 30 days"
    still holds when the demo database is reused weeks later. Leaves alone a version whose
    lifecycle someone has changed since. Returns whether it changed anything."""
    if version.lifecycle != plan.lifecycle:
        return False
    dates = planned_dates(plan, today)
    if plan.lifecycle in (Lifecycle.DRAFT, Lifecycle.IN_REVIEW):
        return False
    if all(getattr(version, name) == value for name, value in dates.items()):
        return False
    version_update(actor=actor, version=version, override_reason=HISTORY_OVERRIDE, **dates)
    return True
