"""What the catalog's version services ask of this app when a version's lifecycle or
dates change: the deprecation policy, the retirement guard, the notice outbox."""

from django.conf import settings
from django.core.exceptions import ValidationError

from catalog.models import Lifecycle, Version
from catalog.services.audit import Actor, audit_record
from notifications.services.policy import is_admin, notice_check, notice_policy
from notifications.services.schedule import notices_cancel, notices_plan
from usage import selectors as usage

DATE_FIELDS = ("deprecated_on", "sunset_on")


def version_lifecycle_changed(
    *, actor: Actor, before: dict, version: Version, override_reason: str = ""
) -> None:
    """Runs inside the version service's transaction, after the save: a ValidationError
    raised here rolls the whole change back."""
    was = before["lifecycle"]
    now = version.lifecycle
    if now == Lifecycle.DEPRECATED:
        dates = {name: _iso(getattr(version, name)) for name in DATE_FIELDS}
        shortened = was != now or any(dates[name] != before[name] for name in DATE_FIELDS)
        if shortened:
            notice = notice_check(actor=actor, version=version, override_reason=override_reason)
            if notice is not None and notice < notice_policy()[version.api.audience]:
                _audit_override(actor, version, "notice", override_reason, notice=notice)
        notices_plan(version=version)
    elif was == Lifecycle.DEPRECATED:
        notices_cancel(version=version)
    if now == Lifecycle.RETIRED and was != now:
        _retire_check(actor, version, override_reason)


def _retire_check(actor: Actor, version: Version, override_reason: str) -> None:
    """A version still called in the quiet period is retired only by an admin, with a
    reason: its callers will break."""
    calls = sum(
        day.calls
        for day in usage.version_daily_calls(version, days=settings.PORTAL_RETIRE_QUIET_DAYS)
    )
    if calls == 0:
        return
    if not override_reason.strip():
        raise ValidationError(
            {
                "lifecycle": (
                    f"This version was called {calls} times in the last "
                    f"{settings.PORTAL_RETIRE_QUIET_DAYS} days. An admin can retire it "
                    "anyway with a reason."
                )
            },
            code="still-in-use",
        )
    if not is_admin(actor):
        raise ValidationError(
            {"override_reason": "Only an admin can retire a version that is still called."},
            code="override-not-allowed",
        )
    _audit_override(actor, version, "retire", override_reason, calls=calls)


def _audit_override(actor: Actor, version: Version, what: str, reason: str, **facts) -> None:
    audit_record(
        actor=actor,
        action=f"version.{what}_override",
        target=version,
        api=version.api,
        after={"reason": reason.strip(), **facts},
    )


def _iso(value) -> str | None:
    return value.isoformat() if value else None
