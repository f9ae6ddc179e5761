"""Rulesets: created and revised only when the engine accepts them, assigned per scope."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

import speclib.lint as speclint
from catalog.models import Audience, Team
from catalog.services import Actor, audit_record
from governance import engine
from governance.models import Ruleset, RulesetAssignment, RulesetRevision
from governance.services.relint import relint_after_ruleset_change

# Rulesets are style guides, not data: this is generous, and bounds what a save parses.
RULESET_MAX_BYTES = 512 * 1024
RESERVED_SLUGS = frozenset({"new", "adopt"})  # a page's path beside /governance/rulesets/<slug>/


def ruleset_validate(source: str) -> None:
    """Raises ValidationError({"source": ...}) with the engine's reason if the text is not a
    usable ruleset: bad YAML or JSON, an unknown function, a bad JSONPath, a regular
    expression that could backtrack without end, an unknown `extends`..."""
    if not source.strip():
        raise ValidationError({"source": "The ruleset is empty."}, code="required")
    if len(source.encode()) > RULESET_MAX_BYTES:
        raise ValidationError(
            {"source": f"The ruleset is over the limit of {RULESET_MAX_BYTES:,} bytes."},
            code="too-large",
        )
    if "\x00" in source:
        raise ValidationError({"source": "The ruleset contains a NUL character."}, code="invalid")
    try:
        engine.ruleset_load(source)
    except speclint.RulesetError as exc:
        raise ValidationError(
            {"source": str(exc) or "The ruleset is invalid."}, code="invalid"
        ) from None
    except RecursionError:
        raise ValidationError(
            {"source": "The ruleset is nested too deeply."}, code="invalid"
        ) from None


@transaction.atomic
def ruleset_create(
    *, actor: Actor, name: str, source: str, slug: str = "", description: str = "", note: str = ""
) -> Ruleset:
    """Creates a ruleset with its first revision; nothing is stored if the text is refused."""
    ruleset_validate(source)
    ruleset = Ruleset(
        name=name, slug=slug or slugify(name)[:120], description=description, created_by=actor.user
    )
    ruleset.full_clean()
    if ruleset.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": f"{ruleset.slug!r} is reserved; choose another."})
    ruleset.save()
    revision = _revision_add(ruleset, actor=actor, source=source, note=note or "First revision.")
    audit_record(actor=actor, action="ruleset.create", target=ruleset, after=_summary(revision))
    return ruleset


@transaction.atomic
def ruleset_revise(
    *, actor: Actor, ruleset: Ruleset, source: str, note: str = ""
) -> RulesetRevision:
    """Saves a new revision (the text is checked first) and re-lints, in the background,
    the latest version of every API that the ruleset governs. The same text as the
    latest revision is refused: it would re-lint everything for nothing."""
    ruleset_validate(source)
    ruleset = Ruleset.objects.select_for_update().get(pk=ruleset.pk)  # numbers in order
    latest = ruleset.revisions.order_by("-number").first()
    if latest is not None and latest.sha256 == _sha256(source):
        raise ValidationError(
            {"source": "This text is the same as the latest revision."}, code="unchanged"
        )
    revision = _revision_add(ruleset, actor=actor, source=source, note=note)
    Ruleset.objects.filter(pk=ruleset.pk).update(updated_at=revision.created_at)
    audit_record(actor=actor, action="ruleset.revise", target=ruleset, after=_summary(revision))
    relint_after_ruleset_change(
        actor=actor, ruleset=ruleset, reason=f"{ruleset.name} revised (r{revision.number})"
    )
    return revision


def _revision_add(ruleset: Ruleset, *, actor: Actor, source: str, note: str) -> RulesetRevision:
    number = (ruleset.revisions.aggregate(top=Max("number"))["top"] or 0) + 1
    return RulesetRevision.objects.create(
        ruleset=ruleset,
        number=number,
        source=source,
        sha256=_sha256(source),
        note=note[:300],
        created_by=actor.user,
    )


def _sha256(source: str) -> str:
    return hashlib.sha256(source.encode()).hexdigest()


def _summary(revision: RulesetRevision) -> dict:
    return {"revision": revision.number, "sha256": revision.sha256, "note": revision.note}


@transaction.atomic
def ruleset_assign(
    *,
    actor: Actor,
    ruleset: Ruleset | None,
    team: Team | None = None,
    audience: str = "",
    organisation: bool = False,
) -> RulesetAssignment | None:
    """Makes `ruleset` the one for a scope (exactly one of organisation, team, audience),
    replacing the scope's current one; None removes the scope's assignment. The latest
    version of each API whose ruleset changes is re-linted in the background."""
    scope = _scope(team=team, audience=audience, organisation=organisation)
    where = {"scope": scope, "team": team, "audience": audience}
    current = RulesetAssignment.objects.select_for_update().filter(**where).order_by("pk").first()
    before = {"ruleset": current.ruleset.slug} if current else None
    if ruleset is None:
        if current is not None:
            current.delete()
        assignment = None
    else:
        assignment, _ = RulesetAssignment.objects.update_or_create(
            **where, defaults={"ruleset": ruleset, "created_by": actor.user}
        )
    if (current.ruleset_id if current else None) == (ruleset.pk if ruleset else None):
        return assignment
    label = team.name if team else (Audience(audience).label if audience else "organisation")
    audit_record(
        actor=actor,
        action="ruleset.assign",
        target=team or ruleset or current.ruleset,
        before=before,
        after={"scope": scope, "ruleset": ruleset.slug if ruleset else None},
    )
    relint_after_ruleset_change(
        actor=actor,
        ruleset=ruleset,
        reason=f"{ruleset.name if ruleset else 'Default ruleset'} assigned to {label}",
    )
    return assignment


def _scope(*, team: Team | None, audience: str, organisation: bool) -> str:
    chosen = [bool(team), bool(audience), organisation]
    if sum(chosen) != 1:
        raise ValidationError("Assign a ruleset to exactly one of: a team, an audience, or all.")
    if audience and audience not in Audience.values:
        raise ValidationError({"audience": f"{audience!r} is not an audience."}, code="invalid")
    if team:
        return RulesetAssignment.Scope.TEAM
    return RulesetAssignment.Scope.AUDIENCE if audience else RulesetAssignment.Scope.ORGANISATION


RECOMMENDED_SOURCE = """\
# The portal's recommended governance ruleset (semantic info.version, x-audience,
# sunset dates on deprecated operations, operation ids and tags, problem+json errors,
# no secrets in examples) on top of Spectral's spectral:oas.
# Add your own rules under `rules`, or turn one off, e.g.:  operation-tags: off
extends: [portal:recommended]
rules: {}
"""


@transaction.atomic
def ruleset_adopt_recommended(*, actor: Actor) -> Ruleset:
    """Makes the portal's recommended ruleset the organisation default, as an editable
    ruleset that extends the built-in one. Running it again only re-assigns it."""
    ruleset = Ruleset.objects.filter(slug="portal-recommended").first()
    if ruleset is None:
        ruleset = ruleset_create(
            actor=actor,
            name="Portal recommended",
            slug="portal-recommended",
            description="The portal's recommended governance rules, adopted as they ship.",
            source=RECOMMENDED_SOURCE,
        )
    ruleset_assign(actor=actor, ruleset=ruleset, organisation=True)
    return ruleset
