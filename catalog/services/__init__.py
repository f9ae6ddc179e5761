"""Functions that change the catalog. Views, serializers and tasks call these, nothing else."""

from catalog.services.apis import api_create, api_refresh_rollups, api_update, metadata_clean
from catalog.services.audit import Actor, audit_record
from catalog.services.specs import spec_process, spec_store, spec_validate, version_attach_spec
from catalog.services.teams import membership_remove, membership_set, team_create, team_update
from catalog.services.versions import semver_parse, version_create, version_update

__all__ = [
    "Actor",
    "api_create",
    "api_refresh_rollups",
    "api_update",
    "audit_record",
    "membership_remove",
    "membership_set",
    "metadata_clean",
    "semver_parse",
    "spec_process",
    "spec_store",
    "spec_validate",
    "team_create",
    "team_update",
    "version_attach_spec",
    "version_create",
    "version_update",
]
