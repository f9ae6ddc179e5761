from rest_framework import permissions

from accounts.access import can_read_catalog, principal_of
from accounts.models import Scope


class CatalogReadAccess(permissions.BasePermission):
    """Reads follow PORTAL_ANONYMOUS_READ; writes need a signed-in user or a write token.

    Object-level rules (a team edits only its own APIs) are checked by each view
    through accounts.access.Principal, since the owning team differs per object.
    """

    message = "Sign in or present an API token to read the catalog."

    def has_permission(self, request, view) -> bool:
        principal = principal_of(request)
        if request.method in permissions.SAFE_METHODS:
            if principal.token is not None:
                return principal.has_scope(Scope.READ)
            return can_read_catalog(request.user)
        if principal.token is not None:
            if not principal.has_scope(Scope.WRITE_SPECS):
                self.message = "This token does not have the write:specs scope."
                return False
            return True
        self.message = "Sign in or present an API token with the write:specs scope."
        return request.user.is_authenticated
