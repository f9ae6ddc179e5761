"""Receivers of the catalog's signals, and of sign-ins."""

from accounts.access import is_reviewer

# Whether the signed-in person governs (reviewer or admin), kept in their session so that
# every page can offer the governance pages without a query; those pages check again.
REVIEWER_SESSION_KEY = "governance_reviewer"


def lint_when_spec_ready(sender, *, spec, **kwargs) -> None:
    """Requests the lint runs of every version using a document the catalog made ready."""
    from governance.services import lint_spec_ready

    lint_spec_ready(spec=spec)


def remember_reviewer(sender, *, request, user, **kwargs) -> None:
    """Notes in the new session whether the person who signed in is a reviewer or an admin.
    A change of group shows in the navigation at the next sign-in."""
    if request is not None and hasattr(request, "session"):
        request.session[REVIEWER_SESSION_KEY] = is_reviewer(user)
