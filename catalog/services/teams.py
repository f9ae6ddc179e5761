from django.db import transaction

from catalog.cache import catalog_changed
from catalog.models import Membership, Team
from catalog.services.audit import Actor, audit_record, snapshot

TEAM_FIELDS = ["name", "slug", "description", "email", "chat_channel", "chat_url", "oncall_url"]


@transaction.atomic
def team_create(*, actor: Actor, name: str, slug: str, **fields: str) -> Team:
    """Creates a team. The caller checks that the actor may (admins only)."""
    team = Team(name=name, slug=slug, **fields)
    team.full_clean()
    team.save()
    audit_record(actor=actor, action="team.create", target=team, after=snapshot(team, TEAM_FIELDS))
    return team


@transaction.atomic
def team_update(*, actor: Actor, team: Team, **fields: str) -> Team:
    before = snapshot(team, TEAM_FIELDS)
    for name, value in fields.items():
        setattr(team, name, value)
    team.full_clean()
    team.save()
    catalog_changed()  # the team facet shows team names
    audit_record(
        actor=actor,
        action="team.update",
        target=team,
        before=before,
        after=snapshot(team, TEAM_FIELDS),
    )
    return team


@transaction.atomic
def membership_set(*, actor: Actor, team: Team, user, role: str) -> Membership:
    """Adds the user to the team with the role, or changes their role. Safe to repeat."""
    membership, created = Membership.objects.get_or_create(
        team=team, user=user, defaults={"role": role}
    )
    before = None if created else {"role": membership.role}
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    audit_record(
        actor=actor,
        action="team.member.set",
        target=membership,
        before=before,
        after={"user": user.get_username(), "role": role},
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Actor, membership: Membership) -> None:
    audit_record(
        actor=actor,
        action="team.member.remove",
        target=membership.team,
        before={"user": membership.user.get_username(), "role": membership.role},
    )
    membership.delete()
