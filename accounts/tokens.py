"""API tokens: created with a secret shown once, stored as its sha256, revocable."""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import ApiToken
from catalog.services.audit import Actor, audit_record

TOKEN_PREFIX = "ptk_"


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown to the user once; never stored


@transaction.atomic
def token_issue(
    *, actor: Actor, name: str, scopes: list[str], team=None, user=None, expires_at=None
) -> IssuedToken:
    """Creates a token for a team or a user. The caller checks the actor may.

    Raises ValidationError for a bad name or scope, or an expiry not in the future.
    """
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": "The expiry must be in the future."})
    prefix = secrets.token_hex(4)
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken(
        name=name,
        scopes=sorted(set(scopes)),
        team=team,
        user=user,
        prefix=prefix,
        key_hash=token_hash(secret),
        created_by=actor.user,
        expires_at=expires_at,
    )
    token.full_clean(exclude=["created_by"])  # none when the system issues it
    token.save()
    audit_record(
        actor=actor,
        action="token.issue",
        target=token,
        after={"name": name, "scopes": token.scopes, "owner": token.owner_label},
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def token_revoke(*, actor: Actor, token: ApiToken) -> None:
    """Revokes a token at once. Safe to repeat."""
    changed = ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    if changed:
        audit_record(actor=actor, action="token.revoke", target=token)


def token_authenticate(secret: str) -> ApiToken | None:
    """The live token for a presented secret, recording its use; None when unknown."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("team", "user")
        .filter(key_hash=token_hash(secret), revoked_at=None)
        .first()
    )
    now = timezone.now()
    if token is None or (token.expires_at and token.expires_at <= now):
        return None
    # Recorded at most once a minute, so a busy pipeline does not write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
