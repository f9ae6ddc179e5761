"""A generation number for what is cached from the catalog as a whole (the facet counts).

Services call `catalog_changed()` after a change that moves any count; readers put
`catalog_generation()` in their cache keys, so a change makes every cached count stale at
once, in every web process, without listing the keys to delete.
"""

import time

from django.core.cache import cache
from django.db import transaction

_GENERATION_KEY = "catalog:generation"


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
