"""DRF permissions. Object rules (a team edits only its own APIs) live in accounts.access."""

from rest_framework import exceptions, permissions

from accounts.access import principal_of
from accounts.models import Scope


class CatalogReadAccess(permissions.BasePermission):
    """Reads follow PORTAL_ANONYMOUS_READ or the read scope; writes need a person or a
    write:specs token. Which team's objects may be written is checked per object with
    `require_team_edit`, since the owning team differs per object."""

    message = "Sign in or present an API token to read the catalog."

    def has_permission(self, request, view) -> bool:
        principal = principal_of(request)
        if request.method in permissions.SAFE_METHODS:
            if principal.token is not None:
                self.message = "This token does not have the read scope."
            return principal.can_read_catalog
        if principal.token is not None:
            self.message = "This token does not have the write:specs scope."
            return principal.has_scope(Scope.WRITE_SPECS)
        self.message = "Sign in or present an API token with the write:specs scope."
        return principal.person is not None


class SignedInPerson(permissions.BasePermission):
    """For managing tokens: a person signed in to the portal, never a token."""

    message = "API tokens are managed by a signed-in person; a token cannot manage tokens."

    def has_permission(self, request, view) -> bool:
        return principal_of(request).can_manage_tokens


def require_team_edit(request, team_id: int) -> None:
    """Raises 403 unless the request's principal may edit the APIs of the team."""
    if not principal_of(request).can_edit_team_apis(team_id):
        raise exceptions.PermissionDenied("Only the owning team can change its APIs.")
