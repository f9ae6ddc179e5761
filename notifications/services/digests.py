"""From due notices to a digest: one per recipient and UTC day, claimed by one worker."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from notifications.clock import utc_day
from notifications.models import Channel, Delivery, Digest, Notice


def digest_build(*, recipient_id: int, now: datetime.datetime | None = None) -> Digest | None:
    """Claims the recipient's due notices into today's digest and queues one delivery per
    channel that is on. Returns None when nothing is due or today's digest exists.

    Safe to run twice and concurrently: notices are locked with SKIP LOCKED, and the
    (recipient, day) constraint lets one digest in; the loser's transaction rolls back
    and its notices wait for tomorrow's digest.
    """
    now = now or timezone.now()
    day = utc_day(now)
    with transaction.atomic():
        if Digest.objects.filter(recipient_id=recipient_id, day=day).exists():
            return None
        due = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(recipient_id=recipient_id, digest__isnull=True, due_at__lte=now)
            .values_list("pk", flat=True)
        )
        if not due:
            return None
        try:
            with transaction.atomic():
                digest = Digest.objects.create(recipient_id=recipient_id, day=day)
        except IntegrityError:
            return None
        Notice.objects.filter(pk__in=due).update(digest=digest)
        channels = Channel.objects.filter(
            recipient_id=recipient_id, enabled=True, kind__in=settings.PORTAL_NOTIFY_CHANNELS
        )
        deliveries = [
            Delivery(digest=digest, channel=channel, next_attempt_at=now) for channel in channels
        ]
        for delivery in deliveries:
            delivery.save()
        from notifications.tasks import delivery_send, enqueue  # tasks import services

        for delivery in deliveries:
            transaction.on_commit(lambda pk=delivery.pk: enqueue(delivery_send, pk))
    return digest


def recipients_due(now: datetime.datetime | None = None) -> list[int]:
    """The catch-up query: recipients with notices due and unsent, and no digest today."""
    now = now or timezone.now()
    today = Digest.objects.filter(recipient_id=OuterRef("recipient_id"), day=utc_day(now))
    return list(
        Notice.objects.filter(digest__isnull=True, due_at__lte=now)
        .exclude(Exists(today))
        .values_list("recipient_id", flat=True)
        .distinct()
    )
