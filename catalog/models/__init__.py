from catalog.models.apis import Api, Audience, LintStatus, MetadataField
from catalog.models.audit import AuditEvent
from catalog.models.specs import Operation, SpecDocument
from catalog.models.teams import Membership, Team
from catalog.models.versions import Lifecycle, Version

__all__ = [
    "Api",
    "Audience",
    "AuditEvent",
    "Lifecycle",
    "LintStatus",
    "Membership",
    "MetadataField",
    "Operation",
    "SpecDocument",
    "Team",
    "Version",
]
