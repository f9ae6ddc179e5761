"""Who may do what. Roles: admin (superuser), governance reviewer (a group), team owner
and member (memberships), viewer (anyone signed in). A team edits only its own APIs."""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from accounts.models import ApiToken, Scope
from catalog.models import Membership, Team
from catalog.services.audit import Actor

REVIEWERS_GROUP = "Governance reviewers"


def is_reviewer(user) -> bool:
    if not user.is_authenticated or getattr(user, "token", None) is not None:
        return False
    return user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()


def can_read_catalog(user) -> bool:
    return settings.PORTAL_ANONYMOUS_READ or user.is_authenticated


@dataclass
class Principal:
    """A person, or a token acting for a team or a person, as one thing to ask."""

    user: object
    token: ApiToken | None = None

    @cached_property
    def person(self):
        """The human behind the request, if any (a team token has none)."""
        if self.token is not None and self.token.team_id:
            return None
        return self.user if self.user.is_authenticated else None

    @cached_property
    def team_ids(self) -> frozenset[int]:
        """Teams whose APIs this principal may edit."""
        if self.token is not None and self.token.team_id:
            return frozenset({self.token.team_id})
        if self.person is None:
            return frozenset()
        if self.person.is_superuser:
            return frozenset(Team.objects.values_list("id", flat=True))
        return frozenset(
            Membership.objects.filter(user=self.person).values_list("team_id", flat=True)
        )

    @cached_property
    def owned_team_ids(self) -> frozenset[int]:
        if self.person is None:
            return frozenset()
        if self.person.is_superuser:
            return self.team_ids
        return frozenset(
            Membership.objects.filter(user=self.person, role=Membership.Role.OWNER).values_list(
                "team_id", flat=True
            )
        )

    @property
    def can_read_catalog(self) -> bool:
        """Tokens read with the read scope; people as PORTAL_ANONYMOUS_READ says."""
        if self.token is not None:
            return self.has_scope(Scope.READ)
        return can_read_catalog(self.user)

    @property
    def is_reviewer(self) -> bool:
        """Review is a person's act: no token reviews, whoever owns it."""
        return self.token is None and is_reviewer(self.user)

    @property
    def can_manage_tokens(self) -> bool:
        """Tokens are issued and revoked by signed-in people; a token cannot mint tokens."""
        return self.token is None and self.person is not None

    def can_revoke_token(self, token: ApiToken) -> bool:
        """A person revokes their own tokens, and team owners their team's tokens."""
        if not self.can_manage_tokens:
            return False
        if token.team_id:
            return self.can_manage_team(token.team_id)
        return token.user_id == self.person.pk

    def has_scope(self, scope: str) -> bool:
        """Session users hold every scope; a token only those it was given."""
        if self.token is None:
            return self.user.is_authenticated
        return scope in self.token.scopes or (
            scope == Scope.READ and Scope.WRITE_SPECS in self.token.scopes
        )

    def can_edit_team_apis(self, team_id: int) -> bool:
        return self.has_scope(Scope.WRITE_SPECS) and team_id in self.team_ids

    def can_manage_team(self, team_id: int) -> bool:
        return self.token is None and team_id in self.owned_team_ids

    @cached_property
    def reads_all_activity(self) -> bool:
        """The whole audit trail (tokens, teams, rulesets, consumers, channels) is read by
        admins and governance reviewers, in person or with a read token of their own; other
        readers of the catalog see the changes to APIs, as the API pages show them, those
        concerning their teams, and their own."""
        person = self.person
        if person is None or not self.can_read_catalog:
            return False
        return person.is_superuser or person.groups.filter(name=REVIEWERS_GROUP).exists()

    @property
    def is_admin(self) -> bool:
        return self.person is not None and self.person.is_superuser and self.token is None

    @property
    def actor(self) -> Actor:
        if self.token is not None:
            return Actor(
                user=self.person,
                label=f"token {self.token.name} ({self.token.owner_label})",
                token_id=self.token.pk,
            )
        return Actor.of_user(self.user)


def principal_of(request) -> Principal:
    """The principal of a Django or DRF request (DRF puts the token in request.auth).

    Kept on the request so the memberships are read once however often it is asked.
    """
    user = getattr(request, "user", None) or AnonymousUser()
    token = getattr(request, "auth", None)
    token = token if isinstance(token, ApiToken) else None
    cached = getattr(request, "_portal_principal", None)
    if cached is not None and cached.user is user and cached.token is token:
        return cached
    principal = Principal(user=user, token=token)
    request._portal_principal = principal
    return principal
