from django.core.management.base import BaseCommand

from usage.demo import usage_demo_load


class Command(BaseCommand):
    help = (
        "Loads demo consumers and a year of usage for the demo catalog's deprecated versions "
        "(run after load_demo). Safe to rerun."
    )
    requires_system_checks = []

    def handle(self, *args, **options):
        result = usage_demo_load()
        if not result["loaded"]:
            self.stdout.write("Demo usage: already loaded.")
            return
        self.stdout.write(
            f"Demo usage: {result['consumers']} consumers, "
            f"{result['rollup_rows']:,} daily rollup rows, recent calls ingested."
        )
