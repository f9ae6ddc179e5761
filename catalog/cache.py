"""A generation number for what is cached from the catalog as a whole (the facet counts).

Services call `catalog_changed()` after a change that moves any count; readers put
`catalog_generation()` in their cache keys, so a change makes every cached count stale at
once, in every web process, without listing the keys to delete.

Counting the facets of the whole catalog (the landing page, the first page most visitors
see) takes about 130 ms at 30,000 APIs (docs/benchmarks.md), so after a change a worker
counts them again for the new generation rather than leaving that to the next visitor.
"""

import logging
import time

from django.core.cache import cache
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerUnavailable

logger = logging.getLogger(__name__)

_GENERATION_KEY = "catalog:generation"
_WARMING_KEY = "catalog:facets:warming"
WARM_DELAY = 2  # seconds: changes committed together are counted once


def catalog_generation() -> int:
    return cache.get(_GENERATION_KEY, 0)


def catalog_changed() -> None:
    """Marks cached catalog-wide reads stale once the current transaction commits.

    After the commit, not before: a reader in between would cache the old counts under
    the new generation.
    """
    transaction.on_commit(generation_bump)


def generation_bump() -> None:
    cache.set(_GENERATION_KEY, time.time_ns(), timeout=None)
    # One warm-up for a burst of changes: the task counts for the generation current when
    # it runs, so changes made while it waits are included.
    if not cache.add(_WARMING_KEY, 1, timeout=WARM_DELAY):
        return
    from catalog.tasks import facets_warm_task

    try:
        facets_warm_task.apply_async(countdown=WARM_DELAY)
    except BrokerUnavailable:
        # The change is committed and the counts are stale either way: the next visitor
        # counts them, as without a worker.
        logger.warning("catalog facets not warmed: the broker is unavailable")
