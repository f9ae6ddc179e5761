from celery import shared_task
from django.db import OperationalError

from catalog.services import spec_process


@shared_task(
    name="catalog.tasks.spec_process",
    ignore_result=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_jitter=True,
    max_retries=5,
)
def spec_process_task(spec_id: int) -> None:
    """Parses an uploaded spec document. Thin: the service holds the rules."""
    spec_process(spec_id=spec_id)
