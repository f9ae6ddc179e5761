"""The deprecation policy: the shortest notice each audience gets, and its enforcement."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog.models import Audience, Version
from catalog.services.audit import Actor, audit_record
from notifications.models import NoticePolicy


def notice_defaults() -> dict[str, int]:
    return {
        Audience.INTERNAL: settings.PORTAL_NOTICE_DAYS_INTERNAL,
        Audience.PARTNER: settings.PORTAL_NOTICE_DAYS_PARTNER,
        Audience.PUBLIC: settings.PORTAL_NOTICE_DAYS_PUBLIC,
    }


def notice_policy() -> dict[str, int]:
    """Minimum notice in days per audience: the admins' rows over the settings' defaults."""
    return notice_defaults() | dict(NoticePolicy.objects.values_list("audience", "minimum_days"))


def notice_policy_set(*, actor: Actor, audience: str, minimum_days: int) -> NoticePolicy:
    """Sets an audience's minimum notice (admins only: the caller checks), audited."""
    if audience not in Audience.values:
        raise ValidationError({"audience": f"“{audience}” is not an audience."})
    before = notice_policy()[audience]
    policy, _ = NoticePolicy.objects.update_or_create(
        audience=audience, defaults={"minimum_days": minimum_days}
    )
    audit_record(
        actor=actor,
        action="notice_policy.update",
        target=policy,
        before={"audience": audience, "minimum_days": before},
        after={"audience": audience, "minimum_days": minimum_days},
    )
    return policy


def is_admin(actor: Actor) -> bool:
    """Overrides are an admin's act: an admin signed in, or the system itself (a management
    command run on the server, such as the demo loader recording past deprecations); never
    a token."""
    if actor.token_id is not None:
        return False
    return actor.is_system or (actor.user is not None and actor.user.is_superuser)


def notice_check(*, actor: Actor, version: Version, override_reason: str = "") -> int | None:
    """Refuses a sunset closer than the policy allows for the API's audience.

    Notice runs from the later of the deprecation date and today (a deprecation dated
    in the past gives no notice for the days already gone). An admin may go below the
    minimum with a reason; the caller records it in the audit trail. Returns the
    notice given, in days, or None when the version has no sunset date yet.
    """
    if version.sunset_on is None:
        return None
    start = max(version.deprecated_on or timezone.localdate(), timezone.localdate())
    notice = (version.sunset_on - start).days
    audience = version.api.audience
    minimum = notice_policy()[audience]
    if notice >= minimum:
        return notice
    if not override_reason.strip():
        raise ValidationError(
            {
                "sunset_on": (
                    f"{Audience(audience).label} APIs get at least {minimum} days of notice: "
                    f"the sunset can be {start + datetime.timedelta(days=minimum):%d %B %Y} "
                    f"at the earliest. An admin can override this with a reason."
                )
            },
            code="notice-too-short",
        )
    if not is_admin(actor):
        raise ValidationError(
            {"override_reason": "Only an admin can give less notice than the policy."},
            code="override-not-allowed",
        )
    return notice
