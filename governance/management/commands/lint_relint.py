"""Re-lints the latest version of every API, e.g. after an upgrade of the lint engine."""

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.services import Actor
from governance.services import relint_after_ruleset_change


class Command(BaseCommand):
    help = (
        "Queues a re-lint of each API's latest version with the ruleset that governs it "
        "(documents already linted with the same rules and engine are not redone)."
    )

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            batch = relint_after_ruleset_change(
                actor=Actor.system("lint_relint"), ruleset=None, reason="Re-lint of every API"
            )
        self.stdout.write(f"Re-lint batch {batch.pk} queued; follow it on /governance/rulesets/.")
