from celery import shared_task
from django.db import OperationalError

from catalog.facets import api_facets
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


@shared_task(name="catalog.tasks.facets_warm", ignore_result=True)
def facets_warm_task() -> None:
    """Counts the whole catalog's facets into the cache for the current generation, so
    the landing page after a change reads them. Running it twice counts once."""
    api_facets({})
