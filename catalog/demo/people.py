"""The demo's sign-ins: an admin, a governance reviewer, and an owner and a developer per team."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from accounts.access import REVIEWERS_GROUP
from catalog.models import Membership, Team
from catalog.services import Actor, membership_set

PASSWORD = "demo-portal"
ROLES = (("owner", Membership.Role.OWNER), ("dev", Membership.Role.MEMBER))


def usernames(team_slugs: Iterable[str]) -> list[str]:
    """Everyone the demo signs in as, in the order the sign-in help lists them."""
    team_users = (f"{slug}-{suffix}" for slug in team_slugs for suffix, _ in ROLES)
    return ["admin", "reviewer", *team_users]


def people_load(*, actor: Actor, teams: dict[str, Team]) -> int:
    """Creates the users who are missing and their memberships; returns how many it created.

    Existing users keep their password, so a presenter's change survives a reload.
    """
    User = get_user_model()
    names = usernames(teams)
    known = set(User.objects.filter(username__in=names).values_list("username", flat=True))
    # Hashed once for all: the password hasher is slow on purpose, about half a second a call.
    password = make_password(PASSWORD) if len(known) < len(names) else ""

    def user(username: str, **flags: bool):
        if username in known:
            return User.objects.get(username=username)
        return User.objects.create(
            username=username, email=f"{username}@example.com", password=password, **flags
        )

    user("admin", is_superuser=True, is_staff=True)
    user("reviewer").groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    for slug, team in teams.items():
        for suffix, role in ROLES:
            member = user(f"{slug}-{suffix}")
            if not Membership.objects.filter(team=team, user=member).exists():
                membership_set(actor=actor, team=team, user=member, role=role)
    return len(names) - len(known)
