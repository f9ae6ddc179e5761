"""Thin Celery tasks over the notification services. Every one is safe to run twice: the
services claim their rows atomically. Beat runs `notices_plan` hourly and
`notices_dispatch` every two minutes (in UTC), which also catches up on whatever a broker
outage left unsent: the outbox rows are in the database, not in the broker."""

import logging

from celery import shared_task
from kombu.exceptions import OperationalError

from notifications.services import deliveries, digests, schedule

logger = logging.getLogger(__name__)


def enqueue(task, *args) -> None:
    """Publishes once, without waiting on a broker that is down: the dispatcher's next
    run finds the work in the database anyway."""
    try:
        task.apply_async(args=args, retry=False)
    except (OperationalError, OSError) as error:
        logger.warning("broker unavailable, %s left to the catch-up: %s", task.name, error)


def dispatch_soon() -> None:
    enqueue(notices_dispatch)


@shared_task(acks_late=True)
def notices_plan() -> int:
    return schedule.notices_plan_all()


@shared_task(acks_late=True)
def notices_dispatch() -> dict[str, int]:
    """Fans out the due work: one digest task per recipient, one send per delivery."""
    recipients = digests.recipients_due()
    for recipient_id in recipients:
        enqueue(digest_build, recipient_id)
    due = deliveries.deliveries_due()
    for delivery_id in due:
        enqueue(delivery_send, delivery_id)
    return {"recipients": len(recipients), "deliveries": len(due)}


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True)
def digest_build(recipient_id: int) -> int | None:
    digest = digests.digest_build(recipient_id=recipient_id)
    return digest.pk if digest else None


@shared_task(acks_late=True)
def delivery_send(delivery_id: int) -> str | None:
    # Retries are the delivery's own (backoff in the database, picked up by the sweep),
    # not Celery's: they must survive the broker.
    return deliveries.delivery_attempt(delivery_id=delivery_id)
