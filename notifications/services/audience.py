"""Who hears about a version's sunset: its owner team, and every consumer that declared
use of it or was seen calling it lately."""

from django.conf import settings
from django.db import transaction

from catalog.models import Team, Version
from notifications.models import Channel, Recipient
from usage import selectors as usage
from usage.models import Consumer


def recipient_for_team(team: Team) -> Recipient:
    """The team's recipient, made on first use with the team's address as its email
    channel. Safe under concurrent calls: the unique constraint keeps one."""
    recipient, created = Recipient.objects.get_or_create(
        kind=Recipient.Kind.TEAM, team=team, defaults={"name": team.name}
    )
    if created and team.email:
        _email_channel(recipient, team.email)
    return recipient


def recipient_for_consumer(consumer: Consumer) -> Recipient:
    recipient, created = Recipient.objects.get_or_create(
        consumer=consumer,
        defaults={"kind": Recipient.Kind.CONSUMER, "team": consumer.team, "name": consumer.name},
    )
    if created:
        for address in dict.fromkeys(consumer.emails):
            _email_channel(recipient, address)
    return recipient


def _email_channel(recipient: Recipient, address: str) -> None:
    with transaction.atomic():
        Channel.objects.get_or_create(recipient=recipient, kind=Channel.Kind.EMAIL, target=address)


def version_recipients(version: Version, *, seen_within_days: int | None = None) -> list[Recipient]:
    """The owner team first, then each consumer of the version (declared or seen)."""
    days = seen_within_days or settings.PORTAL_NOTIFY_SEEN_WITHIN_DAYS
    recipients = [recipient_for_team(version.api.team)]
    for use in usage.version_consumers(version, seen_within_days=days):
        recipients.append(recipient_for_consumer(use.consumer))
    return recipients
