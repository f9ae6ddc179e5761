"""Small presentation helpers for the catalog pages: badges, countdowns and Markdown."""

import datetime
import json

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from catalog.markdown import markdown_to_html
from catalog.models import Audience, Lifecycle

register = template.Library()

METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}


@register.filter
def markdown(text: str) -> SafeString:
    return markdown_to_html(text)


@register.simple_tag
def lifecycle_badge(value: str) -> SafeString:
    label = Lifecycle(value).label if value in Lifecycle.values else value
    return format_html('<span class="badge lifecycle lifecycle-{}">{}</span>', value, label)


@register.simple_tag
def audience_badge(value: str) -> SafeString:
    label = Audience(value).label if value in Audience.values else value
    return format_html('<span class="badge audience audience-{}">{}</span>', value, label)


@register.simple_tag
def method_badge(method: str) -> SafeString:
    name = method.lower() if method.lower() in METHODS else "other"
    return format_html('<span class="method method-{}">{}</span>', name, method.upper())


@register.filter
def sunset_countdown(date: datetime.date | None) -> str:
    """`sunsets in 12 days`, `sunsets tomorrow`, `sunsets today`, `sunset passed`."""
    if date is None:
        return ""
    days = (date - timezone.localdate()).days
    if days < 0:
        return "sunset passed"
    if days == 0:
        return "sunsets today"
    if days == 1:
        return "sunsets tomorrow"
    return f"sunsets in {days} days"


@register.filter
def sunset_urgency(date: datetime.date | None) -> str:
    """A class name for the countdown: passed, soon (30 days) or later."""
    if date is None:
        return ""
    days = (date - timezone.localdate()).days
    if days < 0:
        return "sunset-passed"
    return "sunset-soon" if days <= 30 else "sunset-later"


ACTIONS = {
    "api.create": "created",
    "api.update": "edited",
    "version.create": "added version",
    "version.update": "changed version",
    "version.lifecycle": "moved the lifecycle of",
    "version.spec": "uploaded a spec for",
    "version.notice_override": "shortened the notice period of",
    "version.retire_override": "retired, while still called,",
    "release.submit": "submitted the",
    "release.checked": "checked the",
    "release.approve": "approved the",
    "release.reject": "rejected the",
    "release.request_changes": "asked for changes to the",
    "release.accept_change": "accepted a breaking change in the",
    "release.withdraw": "withdrew the",
    "release.comment": "commented on the",
    "release.released": "completed the",
    "ruleset.create": "created the ruleset",
    "ruleset.revise": "revised the ruleset",
    "ruleset.assign": "assigned the ruleset",
    "team.create": "created the team",
    "team.update": "edited the team",
    "team.member.set": "set a membership in",
    "team.member.remove": "removed a member from",
    "token.issue": "issued the token",
    "token.revoke": "revoked the token",
    "consumer.create": "registered the consumer",
    "consumer.update": "edited the consumer",
    "consumer.credential.add": "added a credential to",
    "consumer.credential.revoke": "revoked a credential of",
    "consumer.use.declare": "declared a use by",
    "consumer.use.remove": "removed a use by",
    "channel.add": "added the notice channel",
    "channel.enable": "turned on the notice channel",
    "channel.disable": "turned off the notice channel",
    "delivery.retry": "retried the delivery",
    "notice_policy.update": "changed the deprecation policy",
}


@register.filter
def action_label(action: str) -> str:
    """Audit actions as words: `version.spec` reads `uploaded a spec for`."""
    return ACTIONS.get(action, action.replace(".", " ").replace("_", " "))


@register.filter
def audit_changes(event) -> list[tuple[str, str | None, str | None]]:
    """(field, before, after) for each field an audit event records as changed or set,
    the values as text (None where the field had or has no value)."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    fields = [*before, *(name for name in after if name not in before)]
    return [
        (name, _as_text(before.get(name)), _as_text(after.get(name)))
        for name in fields
        if before.get(name) != after.get(name)
    ]


def _as_text(value: object) -> str | None:
    if value is None or value == "":
        return None  # no value: shown without a "before"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
