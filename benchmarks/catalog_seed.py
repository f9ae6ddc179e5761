"""Writes the benchmark catalog the way the services would, but set-based: bulk inserts,
then one UPDATE for the roll-ups that catalog.services.api_refresh_rollups keeps.

catalog_seed_verify() then runs the real services on a sample and checks they would
leave every sampled row unchanged.
"""

import hashlib
import itertools
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

import speclib
from benchmarks.catalog_dataset import ApiPlan, plan_apis, team_names
from benchmarks.catalog_seed_sql import ROLLUPS_SQL, SUCCESSORS_SQL, TIMESTAMPS_SQL
from catalog.models import (
    Api,
    AuditEvent,
    Membership,
    MetadataField,
    Operation,
    SpecDocument,
    Team,
    Version,
)
from catalog.services.apis import API_FIELDS
from catalog.services.audit import snapshot

# The worker's own conversions from what speclib extracts to what is stored, so that the
# seeded specs and operations are the service's rows; catalog_verify catches any drift.
from catalog.services.specs import _as_dicts, _ordered, _storable, _text
from catalog.services.versions import VERSION_FIELDS

BATCH = 1000
MEMBERS_PER_TEAM = 3


def catalog_seeded_size() -> tuple[int, int, int]:
    """(APIs, versions, teams) in the database now."""
    return Api.objects.count(), Version.objects.count(), Team.objects.count()


def catalog_seed(*, apis: int, teams: int) -> None:
    """Empties the benchmark database and fills it with `apis` APIs over `teams` teams."""
    started = time.monotonic()
    _wipe()
    today = timezone.localdate()
    with transaction.atomic():
        owners = _teams_and_people(teams)
        plans = plan_apis(apis=apis, teams=teams, today=today)
        for number, batch in enumerate(itertools.batched(plans, BATCH, strict=False), start=1):
            _write_batch(batch, owners)
            if number * BATCH % 5000 == 0:
                _progress(f"{number * BATCH:,} APIs written", started)
        with connection.cursor() as cursor:
            # Statistics first: without them the planner takes these tables for empty.
            for statement in ["ANALYZE", SUCCESSORS_SQL, ROLLUPS_SQL, *TIMESTAMPS_SQL]:
                cursor.execute(statement)
        _progress("successors, roll-ups and timestamps updated", started)
    # The UPDATEs above leave two or three versions of every row behind; a catalog grown by
    # everyday edits is not three times its size, so rewrite the tables compact (and outside
    # the transaction: VACUUM cannot run inside one).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (FULL, ANALYZE)")
    _progress("tables rewritten compact and analysed", started)


def _progress(message: str, started: float) -> None:
    print(f"    {message} ({time.monotonic() - started:.0f} s)", flush=True)


def _wipe() -> None:
    name = connection.settings_dict["NAME"]
    if "bench" not in name:  # never empty a database that is not the benchmark's own
        raise SystemExit(f"refusing to empty database {name!r}: its name lacks 'bench'")
    tables = [
        model._meta.db_table
        for model in (AuditEvent, Operation, Version, SpecDocument, Api, Membership, Team)
    ]
    tables += [MetadataField._meta.db_table, get_user_model()._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")


def _teams_and_people(count: int) -> list:
    """Teams, an owner and a few members for each; returns the owners by team index."""
    User = get_user_model()
    unusable = make_password(None)
    teams = Team.objects.bulk_create(
        Team(
            name=name,
            slug=slugify(name),
            description=f"{name} builds and runs the APIs listed below.",
            email=f"{slugify(name)}@example.com",
            chat_channel=f"#{slugify(name)}",
            oncall_url=f"https://oncall.example.com/{slugify(name)}",
        )
        for name in team_names(count)
    )
    users = User.objects.bulk_create(
        User(
            username=f"{team.slug}-{role}",
            email=f"{team.slug}-{role}@example.com",
            password=unusable,
        )
        for team in teams
        for role in ["owner", *(f"dev{n}" for n in range(MEMBERS_PER_TEAM))]
    )
    per_team = MEMBERS_PER_TEAM + 1
    Membership.objects.bulk_create(
        Membership(
            team=teams[n // per_team],
            user=user,
            role=Membership.Role.OWNER if n % per_team == 0 else Membership.Role.MEMBER,
        )
        for n, user in enumerate(users)
    )
    MetadataField.objects.create(
        key="tier", label="Tier", kind="choice", choices=["tier-1", "tier-2", "tier-3"]
    )
    return [(team, users[n * per_team]) for n, team in enumerate(teams)]


def _write_batch(plans: tuple[ApiPlan, ...], owners: list) -> None:
    apis = Api.objects.bulk_create(_api(plan, owners[plan.team][0]) for plan in plans)
    uploads = [  # each uploaded document, parsed by speclib as the worker would
        (plan, version, speclib.parse_spec(version.document))
        for plan in plans
        for version in plan.versions
        if version.document
    ]
    specs = SpecDocument.objects.bulk_create(
        _spec(version.document, parsed, uploader=owners[plan.team][1])
        for plan, version, parsed in uploads
    )
    spec_of = {id(version): spec for (_, version, _), spec in zip(uploads, specs, strict=True)}
    versions = Version.objects.bulk_create(
        _version(api, version, spec_of.get(id(version)))
        for api, plan in zip(apis, plans, strict=True)
        for version in plan.versions
    )
    Operation.objects.bulk_create(
        (
            _operation(spec, position, op)
            for (_, _, parsed), spec in zip(uploads, specs, strict=True)
            for position, op in enumerate(parsed.extraction.operations)
        ),
        batch_size=2000,
    )
    owner_of = {api.pk: owners[plan.team][1] for api, plan in zip(apis, plans, strict=True)}
    AuditEvent.objects.bulk_create(_audit_events(apis, versions, owner_of), batch_size=2000)


def _api(plan: ApiPlan, team: Team) -> Api:
    return Api(
        team=team,
        slug=plan.slug,
        name=plan.name,
        summary=plan.summary,
        description=plan.description,
        audience=plan.audience,
        tags=plan.tags,
        repository_url=f"https://git.example.com/{team.slug}/{plan.slug}",
        docs_url=f"https://docs.example.com/{plan.slug}/" if plan.audience != "internal" else "",
        runbook_url=f"https://runbooks.example.com/{plan.slug}",
        metadata=plan.metadata,
    )


def _spec(content: bytes, parsed, *, uploader) -> SpecDocument:
    """The row spec_store and spec_process leave behind for `content`."""
    extraction = parsed.extraction
    return SpecDocument(
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        size=len(content),
        filename="openapi.json",
        uploaded_by=uploader,
        status=SpecDocument.Status.READY,
        syntax=parsed.document.syntax,
        openapi_family=parsed.format.family,
        openapi_version=_text(parsed.format.declared, 20),
        title=_text(extraction.title, 300),
        description=_text(extraction.description),
        info_version=_text(extraction.api_version, 100),
        servers=_storable(_as_dicts(extraction.servers)),
        tags=_storable(_as_dicts(extraction.tags)),
        processed_at=timezone.now(),
    )


def _operation(spec: SpecDocument, position: int, op) -> Operation:
    """As catalog.services.specs._spec_save_extraction stores one extracted operation."""
    return Operation(
        spec=spec,
        position=position,
        method=_text(op.method, 10),
        path=_text(op.path, 2000),
        operation_id=_text(op.operation_id, 300),
        summary=_text(op.summary, 500),
        description=_text(op.description),
        tags=[_text(tag, 200) for tag in op.tags],
        deprecated=op.deprecated,
        detail=_storable(_ordered(op.detail)),
    )


def _version(api: Api, plan, spec: SpecDocument | None) -> Version:
    return Version(
        api=api,
        version=plan.version,
        major=plan.major,
        minor=plan.minor,
        patch=plan.patch,
        prerelease=plan.prerelease,
        lifecycle=plan.lifecycle,
        released_on=plan.released_on,
        deprecated_on=plan.deprecated_on,
        sunset_on=plan.sunset_on,
        spec=spec,
        notes=plan.notes,
    )


def _audit_events(apis, versions, owner_of):
    """api.create, version.create and version.spec, as the services record them."""
    api_type = ContentType.objects.get_for_model(Api)
    version_type = ContentType.objects.get_for_model(Version)
    for api in apis:
        yield _event(
            owner_of[api.pk], "api.create", api_type, api, api, None, snapshot(api, API_FIELDS)
        )
    for version in versions:
        owner = owner_of[version.api_id]
        created = {**snapshot(version, VERSION_FIELDS), "spec": None}
        yield _event(owner, "version.create", version_type, version, version.api, None, created)
        if version.spec_id:
            after = {"spec": version.spec_id, "sha256": version.spec.sha256}
            yield _event(
                owner, "version.spec", version_type, version, version.api, {"spec": None}, after
            )


def _event(actor, action, target_type, target, api, before, after) -> AuditEvent:
    return AuditEvent(
        actor=actor,
        actor_label=actor.username,
        action=action,
        target_type=target_type,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        api=api,
        before=before,
        after=after,
    )
