"""Recipients' own choices: channels added, turned on or off, unsubscribed by link, and
notices acknowledged."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone

from catalog.services.audit import Actor, audit_record
from notifications.models import Channel, Notice, Recipient, webhook_secret


def channel_add(*, actor: Actor, recipient: Recipient, kind: str, target: str) -> Channel:
    """Adds an email address, webhook or Slack hook; a webhook gets its signing secret."""
    target = target.strip()
    if kind not in settings.PORTAL_NOTIFY_CHANNELS:
        raise ValidationError({"kind": f"The {kind} channel is not offered here."})
    if kind == Channel.Kind.EMAIL:
        EmailValidator(message="Enter a valid email address.")(target)
    else:
        URLValidator(schemes=["https", "http"], message="Enter an http(s) URL.")(target)
    if Channel.objects.filter(recipient=recipient, kind=kind, target=target).exists():
        raise ValidationError({"target": "This channel is already there."})
    channel = Channel.objects.create(
        recipient=recipient,
        kind=kind,
        target=target,
        secret=webhook_secret() if kind == Channel.Kind.WEBHOOK else "",
    )
    audit_record(
        actor=actor,
        action="channel.add",
        target=channel,
        team=channel.recipient.team,
        after={"kind": kind},
    )
    return channel


def channel_set_enabled(
    *, actor: Actor, channel: Channel, enabled: bool, reason: str = ""
) -> Channel:
    channel.enabled = enabled
    channel.disabled_at = None if enabled else timezone.now()
    channel.disabled_reason = "" if enabled else (reason or f"Turned off by {actor.label}.")
    channel.save(update_fields=["enabled", "disabled_at", "disabled_reason"])
    audit_record(
        actor=actor,
        action="channel.enable" if enabled else "channel.disable",
        target=channel,
        team=channel.recipient.team,
    )
    return channel


def channel_unsubscribe(*, channel_id: int) -> Channel | None:
    """The one-click unsubscribe: turns the channel off. Safe to repeat."""
    channel = Channel.objects.filter(pk=channel_id).first()
    if channel is None:
        return None
    if channel.enabled:
        channel_set_enabled(
            actor=Actor.system("unsubscribe link"),
            channel=channel,
            enabled=False,
            reason="Unsubscribed through the link in a notice.",
        )
    return channel


def notices_acknowledge(*, recipient_id: int, version_id: int) -> int:
    """Marks a recipient's sent notices of a version as read. Safe to repeat."""
    return Notice.objects.filter(
        recipient_id=recipient_id,
        version_id=version_id,
        digest__isnull=False,
        acknowledged_at__isnull=True,
    ).update(acknowledged_at=timezone.now())
