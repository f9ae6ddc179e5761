"""Who may use the governance API. Rules about people live in accounts.access.Principal."""

from rest_framework import permissions

from accounts.access import principal_of
from accounts.models import Scope


class GovernanceManager(permissions.BasePermission):
    """Rulesets, their assignments and re-lints: admins and governance reviewers, in person."""

    message = "Only admins and governance reviewers manage rulesets (signed in, not with a token)."

    def has_permission(self, request, view) -> bool:
        return principal_of(request).is_reviewer


class MayLint(permissions.BasePermission):
    """Linting a posted document stores nothing, so a token with the read scope may (CI
    lints before it pushes); anonymous visitors may not, as linting costs CPU."""

    message = "Sign in or present an API token with the read scope to lint documents."

    def has_permission(self, request, view) -> bool:
        principal = principal_of(request)
        if principal.token is not None:
            return principal.has_scope(Scope.READ)
        return principal.person is not None


def owner_key(request) -> str:
    """Who posted a lint job, so that only they read its result."""
    principal = principal_of(request)
    if principal.token is not None:
        return f"token-{principal.token.pk}"
    return f"user-{principal.user.pk}"
