"""Submits the demo catalog's versions that are in review, as their team owners would, so the
approvals inbox has work in it. The checks (lint, diff, semver) run in the worker; internal
releases that pass them are released at once, the others wait for a reviewer. Safe to rerun.
"""

from django.core.management.base import BaseCommand

from catalog.models import Lifecycle, Membership, Version
from catalog.services import Actor
from governance.models import Release
from governance.services.releases import release_submit


class Command(BaseCommand):
    help = "Submits the demo versions in review for release (run after load_demo)."

    def handle(self, *args, **options) -> None:
        waiting = (
            Version.objects.filter(lifecycle=Lifecycle.IN_REVIEW, spec__isnull=False)
            .exclude(pk__in=Release.objects.values("version"))
            .select_related("api__team", "spec")
        )
        submitted = 0
        for version in waiting:
            owner = (
                Membership.objects.filter(team=version.api.team, role=Membership.Role.OWNER)
                .select_related("user")
                .first()
            )
            actor = Actor.of_user(owner.user) if owner else Actor.system("demo loader")
            release_submit(actor=actor, version=version)
            submitted += 1
        self.stdout.write(f"Demo releases: {submitted} submitted for review.")
