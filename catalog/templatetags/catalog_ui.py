"""Small presentation helpers for the catalog pages: badges, countdowns and Markdown."""

import datetime

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
}


@register.filter
def action_label(action: str) -> str:
    """Audit actions as words: `version.spec` reads `uploaded a spec for`."""
    return ACTIONS.get(action, action.replace(".", " "))
