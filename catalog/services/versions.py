import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Api, Audience, Lifecycle, Version
from catalog.services.apis import api_refresh_rollups
from catalog.services.audit import Actor, audit_record, snapshot

# Semantic Versioning 2.0.0, with build metadata refused: it does not order versions.
SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$"
)

VERSION_FIELDS = [
    "version",
    "lifecycle",
    "released_on",
    "deprecated_on",
    "sunset_on",
    "successor",
    "spec",
    "notes",
    "migration_note",
]

# Which lifecycle may follow which. Release approval (reviews) will guard in_review -> released.
TRANSITIONS: dict[str, set[str]] = {
    Lifecycle.DRAFT: {Lifecycle.IN_REVIEW, Lifecycle.RELEASED},
    Lifecycle.IN_REVIEW: {Lifecycle.DRAFT, Lifecycle.RELEASED},
    Lifecycle.RELEASED: {Lifecycle.DEPRECATED},
    Lifecycle.DEPRECATED: {Lifecycle.RELEASED, Lifecycle.RETIRED},
    Lifecycle.RETIRED: set(),
}


def semver_parse(text: str) -> tuple[int, int, int, str]:
    """Splits a semantic version; raises ValidationError with a clear message otherwise."""
    match = SEMVER.match(text.strip())
    if not match:
        raise ValidationError(
            {"version": f"“{text}” is not a semantic version such as 1.4.0 or 2.0.0-beta.1."}
        )
    major, minor, patch, prerelease = match.groups()
    return int(major), int(minor), int(patch), prerelease or ""


def _dates_check(version: Version) -> None:
    if version.sunset_on and version.deprecated_on and version.sunset_on < version.deprecated_on:
        raise ValidationError(
            {"sunset_on": "The sunset date cannot be before the deprecation date."}
        )
    if version.successor_id and version.successor.api_id != version.api_id:
        raise ValidationError({"successor": "The successor must be a version of the same API."})
    if version.successor_id and version.successor_id == version.pk:
        raise ValidationError({"successor": "A version cannot succeed itself."})


@transaction.atomic
def version_create(*, actor: Actor, api: Api, version: str, **fields: Any) -> Version:
    """Creates a version of `api` (a draft unless told otherwise).

    Raises ValidationError on a non-semver or duplicate version, or dates out of order, and
    on a partner or public version created past review, unless the portal itself records
    history (a system actor, such as the demo loader or an import).
    """
    lifecycle = fields.get("lifecycle", Lifecycle.DRAFT)
    if lifecycle not in (Lifecycle.DRAFT, Lifecycle.IN_REVIEW) and not actor.is_system:
        _release_guard(api, Lifecycle.DRAFT, Lifecycle.RELEASED)
    major, minor, patch, prerelease = semver_parse(version)
    instance = Version(
        api=api,
        version=version.strip(),
        major=major,
        minor=minor,
        patch=patch,
        prerelease=prerelease,
        **fields,
    )
    _stamp_dates(instance)
    _dates_check(instance)
    duplicate = ValidationError(
        {
            "version": ValidationError(
                f"{api.name} already has a version {instance.version}.", code="duplicate"
            )
        }
    )
    if Version.objects.filter(api=api, version=instance.version).exists():
        raise duplicate
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError:  # a concurrent create of the same version won the race
        raise duplicate from None
    api_refresh_rollups(api=api)
    audit_record(
        actor=actor,
        action="version.create",
        target=instance,
        api=api,
        after=snapshot(instance, VERSION_FIELDS),
    )
    return instance


@transaction.atomic
def version_update(
    *,
    actor: Actor,
    version: Version,
    override_reason: str = "",
    via_release: bool = False,
    **fields: Any,
) -> Version:
    """Changes dates, notes, successor or lifecycle, checking the lifecycle transition.

    A deprecation must respect the notice policy and writes the sunset notices in this
    transaction; retiring a version still called needs an admin's `override_reason`.
    A partner or public version becomes released only `via_release` (the release workflow).
    """
    version = Version.objects.select_for_update().select_related("api").get(pk=version.pk)
    before = snapshot(version, VERSION_FIELDS)
    new_lifecycle = fields.get("lifecycle", version.lifecycle)
    if new_lifecycle != version.lifecycle and new_lifecycle not in TRANSITIONS[version.lifecycle]:
        raise ValidationError(
            {
                "lifecycle": (
                    f"A {version.get_lifecycle_display().lower()} version cannot become "
                    f"{Lifecycle(new_lifecycle).label.lower()}."
                )
            }
        )
    if not via_release:
        _release_guard(version.api, version.lifecycle, new_lifecycle)
    for name, value in fields.items():
        setattr(version, name, value)
    _stamp_dates(version)
    _dates_check(version)
    version.save()
    _sunset_rules(actor=actor, before=before, version=version, override_reason=override_reason)
    api_refresh_rollups(api=version.api)
    action = "version.lifecycle" if before["lifecycle"] != version.lifecycle else "version.update"
    audit_record(
        actor=actor,
        action=action,
        target=version,
        api=version.api,
        before=before,
        after=snapshot(version, VERSION_FIELDS),
    )
    return version


def _release_guard(api: Api, old_lifecycle: str, new_lifecycle: str) -> None:
    """Partner and public consumers rely on the release checks (lint, breaking changes,
    review): their versions are released by the release workflow, not by an edit. Internal
    versions may still be released by hand; deprecated ones may be released again."""
    entering = old_lifecycle in (Lifecycle.DRAFT, Lifecycle.IN_REVIEW)
    if new_lifecycle != Lifecycle.RELEASED or not entering:
        return
    if api.audience == Audience.INTERNAL:
        return
    raise ValidationError(
        {
            "lifecycle": (
                f"A version of a {api.get_audience_display().lower()} API is released "
                "through review: submit it for review instead (“Submit for release” on the "
                "version page, or POST to its /release endpoint)."
            )
        }
    )


def version_deprecate(
    *,
    actor: Actor,
    version: Version,
    sunset_on: datetime.date,
    successor: Version | None = None,
    migration_note: str = "",
    deprecated_on: datetime.date | None = None,
    override_reason: str = "",
) -> Version:
    """Deprecates a released version (or re-dates a deprecated one): sunset date, successor
    and migration note. Raises ValidationError when the notice is shorter than the policy
    allows, unless an admin gives `override_reason` (audited)."""
    return version_update(
        actor=actor,
        version=version,
        override_reason=override_reason,
        lifecycle=Lifecycle.DEPRECATED,
        deprecated_on=deprecated_on or version.deprecated_on or timezone.localdate(),
        sunset_on=sunset_on,
        successor=successor,
        migration_note=migration_note,
    )


def version_retire(*, actor: Actor, version: Version, override_reason: str = "") -> Version:
    """Retires a deprecated version; one still called needs an admin's reason (audited)."""
    return version_update(
        actor=actor, version=version, override_reason=override_reason, lifecycle=Lifecycle.RETIRED
    )


def _sunset_rules(*, actor: Actor, before: dict, version: Version, override_reason: str) -> None:
    # Imported here: the notifications app reads usage and the catalog's services, which
    # are still loading when this module is.
    from notifications.services.lifecycle import version_lifecycle_changed

    version_lifecycle_changed(
        actor=actor, before=before, version=version, override_reason=override_reason
    )


def _stamp_dates(version: Version) -> None:
    """Fills the date a lifecycle state implies when it is missing."""
    today = timezone.localdate()
    if version.lifecycle in (Lifecycle.RELEASED, Lifecycle.DEPRECATED, Lifecycle.RETIRED):
        version.released_on = version.released_on or today
    if version.lifecycle in (Lifecycle.DEPRECATED, Lifecycle.RETIRED):
        version.deprecated_on = version.deprecated_on or today
    if version.lifecycle == Lifecycle.RETIRED:
        version.sunset_on = version.sunset_on or max(today, version.deprecated_on or today)


def days_until(date: datetime.date | None) -> int | None:
    return None if date is None else (date - timezone.localdate()).days
