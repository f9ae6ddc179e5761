"""Services that write usage data: consumers and their credentials and declared uses,
ingest (batches and log imports), retention."""

from usage.services.backstage import backstage_import
from usage.services.consumers import (
    consumer_create,
    consumer_update,
    credential_add,
    credential_revoke,
    declared_use_add,
    declared_use_remove,
)
from usage.services.ingest import usage_import_file, usage_import_stream, usage_ingest_batch
from usage.services.maintenance import usage_maintain
from usage.services.results import IngestResult

__all__ = [
    "IngestResult",
    "backstage_import",
    "consumer_create",
    "consumer_update",
    "credential_add",
    "credential_revoke",
    "declared_use_add",
    "declared_use_remove",
    "usage_import_file",
    "usage_import_stream",
    "usage_ingest_batch",
    "usage_maintain",
]
