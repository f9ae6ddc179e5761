"""Usage pages: consumers (registry, credentials, declared uses) and unattributed traffic."""

from usage.views.consumers import (
    backstage_upload,
    consumer_create,
    consumer_detail,
    consumer_list,
    credential_create,
    credential_revoke,
    declared_use_create,
    declared_use_delete,
)
from usage.views.traffic import unattributed

__all__ = [
    "backstage_upload",
    "consumer_create",
    "consumer_detail",
    "consumer_list",
    "credential_create",
    "credential_revoke",
    "declared_use_create",
    "declared_use_delete",
    "unattributed",
]
