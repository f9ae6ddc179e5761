"""What a digest says, per channel: the subject and text of an email, the JSON of a
webhook, the text of a Slack message. Only the latest milestone of each version is
announced; earlier ones claimed in the same digest (after an outage) are listed under it."""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.template.loader import render_to_string

from notifications.headers import migration_url
from notifications.models import Channel, Digest, Milestone, Notice
from notifications.tokens import acknowledge_url, unsubscribe_url

ORDER = list(Milestone.values)


@dataclass(frozen=True)
class VersionNotice:
    notice: Notice
    earlier: list[str]
    migration_url: str
    acknowledge_url: str

    @property
    def version(self):
        return self.notice.version

    @property
    def headline(self) -> str:
        version, milestone = self.version, self.notice.milestone
        sunset = f"{version.sunset_on:%d %B %Y}" if version.sunset_on else "a date to be set"
        if milestone == Milestone.DEPRECATED:
            return f"{version} is deprecated; its sunset is {sunset}."
        if milestone == Milestone.SUNSET:
            return f"{version} reaches its sunset today ({sunset})."
        if milestone == Milestone.AFTER_SUNSET:
            return f"{version} passed its sunset on {sunset} and is still being called."
        return f"{version} sunsets on {sunset}: {Milestone(milestone).label}."


def digest_items(digest: Digest) -> list[VersionNotice]:
    notices = sorted(
        digest.notices.select_related("version__api", "version__successor"),
        key=lambda notice: (notice.version_id, ORDER.index(notice.milestone)),
    )
    items = []
    for _, group in groupby(notices, key=lambda notice: notice.version_id):
        ordered = list(group)
        latest = ordered[-1]
        items.append(
            VersionNotice(
                notice=latest,
                earlier=[Milestone(n.milestone).label for n in ordered[:-1]],
                migration_url=migration_url(latest.version),
                acknowledge_url=acknowledge_url(digest.recipient_id, latest.version_id),
            )
        )
    return items


def email_message(digest: Digest, channel: Channel, items: list[VersionNotice]) -> tuple[str, str]:
    if len(items) == 1:
        subject = f"[{settings.PORTAL_SITE_NAME}] {items[0].headline}"
    else:
        subject = f"[{settings.PORTAL_SITE_NAME}] {len(items)} API versions approach their sunset"
    context = {
        "digest": digest,
        "items": items,
        "unsubscribe_url": unsubscribe_url(channel.pk),
        "site_name": settings.PORTAL_SITE_NAME,
    }
    return subject[:200], render_to_string("notifications/email/digest.txt", context)


def webhook_payload(digest: Digest, items: list[VersionNotice], now: datetime.datetime) -> dict:
    return {
        "type": "version.sunset.digest",
        "timestamp": now.isoformat().replace("+00:00", "Z"),
        "data": {
            "recipient": digest.recipient.name,
            "day": digest.day.isoformat(),
            "notices": [_notice_data(item) for item in items],
        },
    }


def _notice_data(item: VersionNotice) -> dict:
    version = item.version
    return {
        "api": version.api.slug,
        "version": version.version,
        "milestone": item.notice.milestone,
        "earlier_milestones": item.earlier,
        "deprecated_on": version.deprecated_on.isoformat() if version.deprecated_on else None,
        "sunset_on": version.sunset_on.isoformat() if version.sunset_on else None,
        "successor": version.successor.version if version.successor_id else None,
        "migration_url": item.migration_url,
        "acknowledge_url": item.acknowledge_url,
        "message": item.headline,
    }


def slack_text(items: list[VersionNotice], channel: Channel) -> str:
    lines = [f"*{settings.PORTAL_SITE_NAME}: sunset notices*"]
    for item in items:
        lines.append(
            f"• {_slack_escape(item.headline)} <{item.migration_url}|Migration note> · "
            f"<{item.acknowledge_url}|Acknowledge>"
        )
    lines.append(f"<{unsubscribe_url(channel.pk)}|Stop these messages here>")
    return "\n".join(lines)


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
