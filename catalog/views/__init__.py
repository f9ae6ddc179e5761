"""The catalog's server-rendered pages."""

from catalog.views.activity import activity, activity_export
from catalog.views.apis import api_detail, api_edit, api_move, version_create
from catalog.views.browse import api_list
from catalog.views.teams import my_apis, team_detail, team_list
from catalog.views.versions import (
    operation_detail,
    version_detail,
    version_edit,
    version_spec_download,
    version_spec_upload,
)

__all__ = [
    "activity",
    "activity_export",
    "api_detail",
    "api_edit",
    "api_list",
    "api_move",
    "my_apis",
    "operation_detail",
    "team_detail",
    "team_list",
    "version_create",
    "version_detail",
    "version_edit",
    "version_spec_download",
    "version_spec_upload",
]
