"""The usage app's models, re-exported here."""

from usage.models.consumers import Consumer, ConsumerCredential, DeclaredUse
from usage.models.ingest import IngestRun
from usage.models.traffic import (
    StatusClass,
    UnattributedDaily,
    UsageDaily,
    UsageEvent,
    VersionDaily,
)

__all__ = [
    "Consumer",
    "ConsumerCredential",
    "DeclaredUse",
    "IngestRun",
    "StatusClass",
    "UnattributedDaily",
    "UsageDaily",
    "UsageEvent",
    "VersionDaily",
]
