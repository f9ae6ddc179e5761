"""Sending a digest through a channel: claimed, tried, logged, retried with backoff and
jitter until sent or dead-lettered; a webhook that answers 410 turns its channel off."""

import datetime
import random

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from catalog.services.audit import Actor, audit_record
from notifications import messages
from notifications.channels import Outcome
from notifications.channels import email as email_channel
from notifications.channels import slack as slack_channel
from notifications.channels import webhook as webhook_channel
from notifications.models import Channel, Delivery, DeliveryAttempt
from notifications.tokens import unsubscribe_url

BACKOFF_BASE = 30  # seconds before the first retry; doubled each time
BACKOFF_CAP = 6 * 3600


def backoff(attempts: int) -> datetime.timedelta:
    """Exponential backoff with "equal jitter": half fixed, half random, so receivers that
    failed together are not retried in a thundering herd."""
    delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** max(attempts - 1, 0))
    return datetime.timedelta(seconds=delay / 2 + random.uniform(0, delay / 2))


def _lease() -> datetime.timedelta:
    # Longer than one attempt can take (timeout, redirects), so a live claim is not stolen.
    return datetime.timedelta(seconds=settings.PORTAL_WEBHOOK_TIMEOUT * 5 + 60)


def delivery_claim(delivery_id: int, now: datetime.datetime) -> bool:
    """Takes the delivery for one attempt, in one UPDATE; False when another worker holds
    it, it is not due yet, or it is finished."""
    claimed = (
        Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING)
        .filter(next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + _lease(), attempts=F("attempts") + 1)
    )
    return claimed == 1


def delivery_attempt(*, delivery_id: int, now: datetime.datetime | None = None) -> str | None:
    """Tries a due delivery once and records the attempt. Returns the new status, or None
    when the delivery was not claimed. Running it twice is safe: only one run claims."""
    now = now or timezone.now()
    if not delivery_claim(delivery_id, now):
        return None
    delivery = Delivery.objects.select_related("channel", "digest__recipient").get(pk=delivery_id)
    if not delivery.channel.enabled:
        return _finish(delivery, Delivery.Status.SKIPPED, error="the channel was turned off")
    outcome = _send(delivery, now)
    DeliveryAttempt.objects.create(
        delivery=delivery,
        started_at=now,
        duration_ms=outcome.duration_ms,
        status_code=outcome.status_code,
        error=outcome.error[:500],
    )
    if outcome.ok:
        return _finish(delivery, Delivery.Status.SENT, sent_at=timezone.now())
    if outcome.gone:
        Channel.objects.filter(pk=delivery.channel_id).update(
            enabled=False, disabled_reason="The receiver answered 410 Gone.", disabled_at=now
        )
        return _finish(delivery, Delivery.Status.DEAD, error=outcome.error)
    if outcome.permanent or delivery.attempts >= settings.PORTAL_WEBHOOK_MAX_ATTEMPTS:
        return _finish(delivery, Delivery.Status.DEAD, error=outcome.error)
    Delivery.objects.filter(pk=delivery.pk).update(
        next_attempt_at=now + backoff(delivery.attempts),
        claimed_until=None,
        last_error=outcome.error[:500],
    )
    return Delivery.Status.PENDING


def _finish(delivery: Delivery, status: str, *, error: str = "", sent_at=None) -> str:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, claimed_until=None, last_error=error[:500], sent_at=sent_at
    )
    return status


def _send(delivery: Delivery, now: datetime.datetime) -> Outcome:
    digest, channel = delivery.digest, delivery.channel
    items = messages.digest_items(digest)
    if channel.kind == Channel.Kind.EMAIL:
        subject, body = messages.email_message(digest, channel, items)
        return email_channel.send(
            to=channel.target,
            subject=subject,
            body=body,
            unsubscribe_url=unsubscribe_url(channel.pk),
        )
    if channel.kind == Channel.Kind.WEBHOOK:
        return webhook_channel.send(
            url=channel.target,
            secret=channel.secret,
            message_id=delivery.message_id,
            timestamp=int(now.timestamp()),
            payload=messages.webhook_payload(digest, items, now),
        )
    return slack_channel.send(url=channel.target, text=messages.slack_text(items, channel))


def deliveries_due(now: datetime.datetime | None = None) -> list[int]:
    """The sweep: pending deliveries due for an attempt and not held by a live claim."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .values_list("pk", flat=True)[:1000]
    )


def delivery_retry(
    *, actor: Actor, delivery: Delivery, now: datetime.datetime | None = None
) -> None:
    """One more attempt at a dead-lettered delivery, queued for a worker now. It keeps its
    message id, so a receiver that did get it after all can drop the copy; when that attempt
    fails too, the delivery is a dead letter again (no new round of retries)."""
    now = now or timezone.now()
    with transaction.atomic():
        if not Channel.objects.filter(pk=delivery.channel_id, enabled=True).exists():
            raise ValidationError("The channel is turned off: turn it on before retrying.")
        retried = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.DEAD).update(
            status=Delivery.Status.PENDING, next_attempt_at=now, claimed_until=None
        )
        if retried != 1:
            raise ValidationError("Only a dead-lettered delivery can be retried.")
        audit_record(
            actor=actor,
            action="delivery.retry",
            target=delivery,
            team=delivery.channel.recipient.team,
            before={"status": Delivery.Status.DEAD, "attempts": delivery.attempts},
        )
        from notifications.tasks import delivery_send, enqueue  # tasks import services

        transaction.on_commit(lambda: enqueue(delivery_send, delivery.pk))
