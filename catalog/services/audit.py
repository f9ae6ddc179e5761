"""The audit trail: every change of state is recorded with who, what, before and after."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from catalog.models import Api, AuditEvent, Team
from portal.middleware import request_id_var


@dataclass(frozen=True)
class Actor:
    """Who did something: a signed-in user, or an API token acting for a team or user."""

    user: AbstractBaseUser | None
    label: str
    token_id: int | None = None
    is_system: bool = False  # the portal itself: a task, or a command run on the server

    @classmethod
    def of_user(cls, user: AbstractBaseUser | AnonymousUser | None) -> "Actor":
        if user is None or not user.is_authenticated:
            return cls(user=None, label="anonymous")
        return cls(user=user, label=user.get_username())

    @classmethod
    def system(cls, label: str = "system") -> "Actor":
        return cls(user=None, label=label, is_system=True)


def audit_record(
    *,
    actor: Actor,
    action: str,
    target: models.Model,
    api: Api | None = None,
    team: Team | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Appends one event. Call it inside the transaction that makes the change.

    The team the change concerns is `team`, else the API's, else the target's (a team, or
    anything with a team of its own: a token, a consumer, a membership); its members read
    the event on the activity page.
    """
    team_id = team.pk if team is not None else _team_id_of(api or target)
    return AuditEvent.objects.create(
        actor=actor.user,
        actor_label=actor.label[:200],
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        target_label=str(target)[:300],
        api=api,
        team_id=team_id,
        before=before,
        after=after,
        request_id=request_id_var.get() if request_id_var.get() != "-" else "",
    )


def _team_id_of(subject: models.Model) -> int | None:
    """A team's own id, or the id of the team something belongs to (an API, a token...)."""
    if isinstance(subject, Team):
        return subject.pk
    return getattr(subject, "team_id", None)


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of a model as JSON-ready values, for `before` and `after`."""
    values = {}
    for name in fields:
        value = getattr(instance, name)
        if isinstance(value, models.Model):
            value = value.pk
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        values[name] = value
    return values
