"""Consumers, their credentials and declared uses. Each change writes an audit event in
its transaction. The caller checks that the actor may (usage.access)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from catalog.models import Team, Version
from catalog.services.audit import Actor, audit_record
from usage.models import Consumer, ConsumerCredential, DeclaredUse

CONSUMER_FIELDS = (
    "name",
    "description",
    "contact_name",
    "contact_email",
    "repository_url",
    "backstage_ref",
)


@transaction.atomic
def consumer_create(*, actor: Actor, team: Team, slug: str, name: str, **fields) -> Consumer:
    """Registers a consumer application owned by `team`. Raises ValidationError for a bad
    field or a slug in use."""
    consumer = Consumer(team=team, slug=slug, name=name, **fields)
    consumer.full_clean()
    consumer.save()
    audit_record(actor=actor, action="consumer.create", target=consumer, after={"team": team.slug})
    return consumer


@transaction.atomic
def consumer_update(*, actor: Actor, consumer: Consumer, **fields) -> Consumer:
    """Changes a consumer's descriptive fields (not its slug or team)."""
    before = {name: getattr(consumer, name) for name in fields}
    for name, value in fields.items():
        if name not in CONSUMER_FIELDS:
            raise ValueError(f"{name} cannot be changed here")
        setattr(consumer, name, value)
    consumer.full_clean()
    consumer.save()
    audit_record(
        actor=actor, action="consumer.update", target=consumer, before=before, after=fields
    )
    return consumer


@transaction.atomic
def credential_add(
    *, actor: Actor, consumer: Consumer, value: str, kind: str = "client_id", label: str = ""
) -> ConsumerCredential:
    """Adds an identifier that gateways log for the consumer. Raises ValidationError when
    another consumer (or this one) already has the value."""
    credential = ConsumerCredential(consumer=consumer, value=value.strip(), kind=kind, label=label)
    credential.full_clean()
    credential.save()
    audit_record(
        actor=actor,
        action="consumer.credential.add",
        target=consumer,
        after={"kind": kind, "value": credential.value},
    )
    return credential


@transaction.atomic
def credential_revoke(*, actor: Actor, credential: ConsumerCredential) -> None:
    """Marks a credential revoked (its calls are still attributed). Safe to repeat."""
    changed = ConsumerCredential.objects.filter(pk=credential.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    if changed:
        audit_record(
            actor=actor,
            action="consumer.credential.revoke",
            target=credential.consumer,
            before={"value": credential.value},
        )


def declared_use_add(
    *, actor: Actor, consumer: Consumer, version: Version, source: str = "manual", note: str = ""
) -> DeclaredUse:
    """Records that the consumer uses the version. Declaring it again changes nothing."""
    try:
        with transaction.atomic():
            use = DeclaredUse.objects.create(
                consumer=consumer, version=version, source=source, note=note, created_by=actor.user
            )
            audit_record(
                actor=actor,
                action="consumer.use.declare",
                target=consumer,
                api=version.api,
                after={"version": str(version), "source": source},
            )
            return use
    except IntegrityError:
        return DeclaredUse.objects.get(consumer=consumer, version=version)


@transaction.atomic
def declared_use_remove(*, actor: Actor, use: DeclaredUse) -> None:
    deleted, _ = DeclaredUse.objects.filter(pk=use.pk).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="consumer.use.remove",
            target=use.consumer,
            api=use.version.api,
            before={"version": str(use.version)},
        )
