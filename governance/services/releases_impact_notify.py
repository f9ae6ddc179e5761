"""Tells each consumer a breaking release reaches about the changes to what it calls, and
nothing else: one notice per consumer, written in the transaction that releases the version
(an outbox), mailed by a worker to the consumer's contacts."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from governance.models import Release, ReleaseConsumerNotice
from notifications.models import Channel
from usage.models import Consumer

logger = logging.getLogger(__name__)


def release_impact_notices_write(*, release: Release) -> int:
    """Writes one notice per impacted consumer of a release being released (call it inside
    that transaction); the mail is sent after commit. Returns how many rows were added; safe
    to call twice (the (release, consumer) constraint keeps one)."""
    impact = (release.checks or {}).get("impact") or {}
    rows = [
        ReleaseConsumerNotice(
            release=release,
            consumer_id=consumer["id"],
            operations=[row for row in consumer["operations"] if row["changes"]],
            document_changes=impact.get("document_changes", []),
        )
        for consumer in impact.get("consumers", [])
    ]
    if not rows:
        return 0
    # A consumer deleted since the checks ran has nobody left to tell.
    present = Consumer.objects.filter(pk__in=[row.consumer_id for row in rows])
    present = set(present.values_list("pk", flat=True))
    rows = [row for row in rows if row.consumer_id in present]
    ReleaseConsumerNotice.objects.bulk_create(rows, ignore_conflicts=True)
    from governance.tasks import release_impact_notify_task

    transaction.on_commit(lambda: release_impact_notify_task.delay(release.pk))
    return len(rows)


def release_impact_notify(*, release_id: int) -> int:
    """Mails every unsent notice of a release; returns how many were sent.

    Each notice is locked (SKIP LOCKED) while it is mailed and marked sent in the same
    transaction: concurrent or retried tasks never mail it twice; a failed send rolls back
    and the task's retry (or the sweep) sends it later."""
    sent = 0
    pending = ReleaseConsumerNotice.objects.filter(release_id=release_id, sent_at__isnull=True)
    for pk in pending.values_list("pk", flat=True):
        with transaction.atomic():
            notice = (
                ReleaseConsumerNotice.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("release__version__api", "consumer__team")
                .filter(pk=pk, sent_at__isnull=True)
                .first()
            )
            if notice is None:
                continue
            notice.sent_to = _send(notice)
            notice.sent_at = timezone.now()
            notice.save(update_fields=["sent_to", "sent_at"])
            sent += 1
    return sent


def release_impact_unsent() -> list[int]:
    """Releases with notices left unsent for over a minute (a lost task): the sweep's list."""
    stale = timezone.now() - timedelta(minutes=1)
    unsent = ReleaseConsumerNotice.objects.filter(sent_at__isnull=True, created_at__lt=stale)
    return list(unsent.values_list("release_id", flat=True).distinct()[:500])


def consumer_addresses(consumer) -> list[str]:
    """The consumer's contacts and its enabled email channels, less any address that
    unsubscribed (a disabled email channel of the consumer's notice recipient)."""
    channels = Channel.objects.filter(recipient__consumer=consumer, kind=Channel.Kind.EMAIL)
    states = dict(channels.values_list("target", "enabled"))
    addresses = [*consumer.emails, *(target for target, on in states.items() if on)]
    return sorted({address for address in addresses if states.get(address, True)})


def _send(notice: ReleaseConsumerNotice) -> list[str]:
    addresses = consumer_addresses(notice.consumer)
    if not addresses:
        logger.info("release %s: consumer %s has no address", notice.release_id, notice.consumer_id)
        return []
    version = notice.release.version
    context = {
        "notice": notice,
        "release": notice.release,
        "consumer": notice.consumer,
        "api": version.api,
        "version": version,
        "changelog_url": settings.PORTAL_BASE_URL
        + reverse("governance:version-changelog", args=[version.api.slug, version.version]),
        "version_url": settings.PORTAL_BASE_URL + version.get_absolute_url(),
    }
    subject = render_to_string("governance/release_mail_impact_subject.txt", context)
    EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string("governance/release_mail_impact.txt", context),
        to=addresses,
    ).send()
    return addresses
