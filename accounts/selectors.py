"""Reads for accounts: which tokens a person sees. No writes here."""

from django.db.models import Q, QuerySet

from accounts.access import Principal
from accounts.models import ApiToken


def tokens_visible_to(principal: Principal) -> QuerySet[ApiToken]:
    """A person's own tokens and the tokens of their teams (all teams for an admin).

    Members see their team's tokens so they can tell which pipeline uses which;
    revoking them is for owners (Principal.can_revoke_token).
    """
    if principal.person is None:
        return ApiToken.objects.none()
    return (
        ApiToken.objects.select_related("team", "user", "created_by")
        .filter(Q(user=principal.person) | Q(team_id__in=principal.team_ids))
        .order_by("-created_at", "-id")
    )
