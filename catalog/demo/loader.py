"""Loads the demo catalog through the catalog's services, so its audit trail reads like history."""

import datetime
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from catalog.demo import people
from catalog.demo.content import APIS, TEAMS
from catalog.demo.plans import ApiPlan, TeamPlan, VersionPlan
from catalog.demo.specs import spec_file
from catalog.demo.texts import api_description, version_notes
from catalog.demo.versions import (
    first_state,
    semver_key,
    successor_of,
    version_advance,
    version_realign,
)
from catalog.models import Api, MetadataField, SpecDocument, Team, Version
from catalog.services import (
    Actor,
    api_create,
    spec_process,
    team_create,
    version_attach_spec,
    version_create,
)

ACTOR_LABEL = "demo loader"

METADATA_FIELDS = [
    {
        "key": "tier",
        "label": "Tier",
        "kind": MetadataField.Kind.CHOICE,
        "choices": ["gold", "silver", "bronze"],
        "help_text": "Gold is paged day and night, silver in office hours, bronze best effort.",
    },
    {
        "key": "handles_pii",
        "label": "Handles PII",
        "kind": MetadataField.Kind.BOOLEAN,
        "help_text": "Reads or stores personal data, so the privacy office reviews changes.",
    },
    {
        "key": "cost_centre",
        "label": "Cost centre",
        "kind": MetadataField.Kind.TEXT,
        "help_text": "Where the API's running costs are booked.",
    },
]


@dataclass
class DemoSummary:
    """What a load did, for the command to print."""

    apis: int = 0
    apis_created: int = 0
    versions: int = 0
    versions_created: int = 0
    versions_realigned: int = 0
    users_created: int = 0
    specs: int = 0
    specs_parsed: int = 0
    usernames: list[str] = field(default_factory=list)
    seconds: float = 0.0


def demo_load(*, sync: bool = False) -> DemoSummary:
    """Adds whatever of the demo catalog is missing; safe to run again (it adds nothing twice).

    Matches teams, APIs and users by slug or username and versions by number. All is
    written in one transaction, so a failure leaves nothing half-loaded. The specs are
    parsed by the worker once the transaction commits or, with `sync`, here right after.
    """
    started = time.perf_counter()
    loading = _Loading(actor=Actor.system(ACTOR_LABEL), today=timezone.localdate())
    summary = loading.summary
    summary.usernames = people.usernames(team.slug for team in TEAMS)
    with transaction.atomic():
        for position, definition in enumerate(METADATA_FIELDS):
            MetadataField.objects.get_or_create(
                key=definition["key"], defaults={**definition, "position": position}
            )
        teams = {plan.slug: loading.team(plan) for plan in TEAMS}
        summary.users_created = people.people_load(actor=loading.actor, teams=teams)
        for plan in APIS:
            loading.api(plan, team=teams[plan.team])
    demo_specs = SpecDocument.objects.filter(versions__api__slug__in=[a.slug for a in APIS])
    summary.specs = demo_specs.distinct().count()
    if sync:
        summary.specs_parsed = specs_parse_pending()
    summary.seconds = time.perf_counter() - started
    return summary


def specs_parse_pending() -> int:
    """Parses, in this process, the spec documents still waiting for the worker."""
    pending = list(
        SpecDocument.objects.filter(status=SpecDocument.Status.PENDING).values_list("pk", flat=True)
    )
    for spec_id in pending:
        spec_process(spec_id=spec_id)
    return len(pending)


@dataclass
class _Loading:
    actor: Actor
    today: datetime.date
    summary: DemoSummary = field(default_factory=DemoSummary)
    team_plans: dict[str, TeamPlan] = field(default_factory=lambda: {t.slug: t for t in TEAMS})

    def team(self, plan: TeamPlan) -> Team:
        team = Team.objects.filter(slug=plan.slug).first()
        if team is not None:
            return team
        return team_create(
            actor=self.actor,
            name=plan.name,
            slug=plan.slug,
            description=plan.description,
            email=plan.email,
            chat_channel=plan.chat_channel,
            chat_url=f"https://chat.example.com/channels/{plan.slug}-api",
            oncall_url=f"https://oncall.example.com/teams/{plan.slug}",
        )

    def api(self, plan: ApiPlan, *, team: Team) -> None:
        api = Api.objects.filter(slug=plan.slug).first()
        if api is None:
            api = self.api_create(plan, team=team)
            self.summary.apis_created += 1
        self.summary.apis += 1
        self.versions(plan, api=api)

    def api_create(self, plan: ApiPlan, *, team: Team) -> Api:
        team_plan = self.team_plans[plan.team]
        return api_create(
            actor=self.actor,
            team=team,
            slug=plan.slug,
            name=plan.name,
            summary=plan.summary,
            description=api_description(plan, team_plan),
            audience=plan.audience,
            tags=list(plan.tags),
            repository_url=plan.repository_url,
            docs_url=plan.docs_url,
            runbook_url=plan.runbook_url,
            metadata={
                "tier": plan.tier,
                "handles_pii": plan.handles_pii,
                "cost_centre": team_plan.cost_centre,
            },
        )

    def versions(self, plan: ApiPlan, *, api: Api) -> None:
        """Creates the missing versions (oldest first, each with its spec), then deprecates
        and retires them, once their successors exist; realigns the dates of the others."""
        known = {version.version: version for version in Version.objects.filter(api=api)}
        created: list[tuple[VersionPlan, Version]] = []
        for version_plan in sorted(plan.versions, key=lambda v: semver_key(v.version)):
            version = known.get(version_plan.version)
            if version is None:
                version = self.version_create(plan, version_plan, api=api)
                known[version.version] = version
                created.append((version_plan, version))
            elif version_realign(
                actor=self.actor, version=version, plan=version_plan, today=self.today
            ):
                self.summary.versions_realigned += 1
        for version_plan, version in created:
            successor = successor_of(plan, version_plan)
            version_advance(
                actor=self.actor,
                version=version,
                plan=version_plan,
                successor=known[successor] if successor else None,
                today=self.today,
            )
        self.summary.versions += len(plan.versions)
        self.summary.versions_created += len(created)

    def version_create(self, plan: ApiPlan, version_plan: VersionPlan, *, api: Api) -> Version:
        version = version_create(
            actor=self.actor,
            api=api,
            version=version_plan.version,
            notes=version_notes(plan, version_plan),
            **first_state(version_plan, self.today),
        )
        spec = spec_file(plan, self.team_plans[plan.team], version_plan)
        if spec is not None:
            version_attach_spec(
                actor=self.actor, version=version, content=spec.content, filename=spec.filename
            )
        return version
