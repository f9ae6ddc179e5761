from django.core.management.base import BaseCommand

from governance.demo import rulesets_demo_load


class Command(BaseCommand):
    help = (
        "Adopts the recommended ruleset as the organisation default and gives the demo's "
        "Payments team its own ruleset (run after load_demo). Safe to rerun."
    )

    def handle(self, *args, **options):
        result = rulesets_demo_load()
        if not result["loaded"]:
            self.stdout.write("Demo rulesets: already loaded.")
            return
        self.stdout.write(
            f"Demo rulesets: {result['rulesets']} rulesets, the organisation default and "
            "Payments' own, assigned and re-linted."
        )
