from django.core.management.base import BaseCommand

from catalog.demo.loader import DemoSummary, demo_load
from catalog.demo.people import PASSWORD


class Command(BaseCommand):
    help = "Loads the demo catalog (teams, APIs, versions, specs, sign-ins). Safe to rerun."
    # `make demo` runs migrate, which runs the system checks, just before: once is enough.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--sync",
            action="store_true",
            help="Parse the specs in this process instead of leaving them to the worker.",
        )

    def handle(self, *args, sync: bool, **options):
        summary = demo_load(sync=sync)
        self.stdout.write(describe(summary, sync=sync))
        self.stdout.write(f"Sign-ins (password '{PASSWORD}'): {', '.join(summary.usernames)}.")


def describe(summary: DemoSummary, *, sync: bool) -> str:
    versions = f"{summary.versions_created} new"
    if summary.versions_realigned:
        versions += f", {summary.versions_realigned} with dates moved to stay relative to today"
    parsing = f"{summary.specs_parsed} parsed here" if sync else "new ones queued for the worker"
    return (
        f"Demo catalog: {summary.apis} APIs ({summary.apis_created} new), "
        f"{summary.versions} versions ({versions}), "
        f"{summary.specs} spec documents ({parsing}), "
        f"{summary.users_created} new users, in {summary.seconds:.1f} s."
    )
