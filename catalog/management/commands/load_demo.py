from django.core.management.base import BaseCommand

from catalog.demo.loader import demo_load
from catalog.demo.people import PASSWORD


class Command(BaseCommand):
    help = "Loads the demo catalog (teams, APIs, versions, specs, sign-ins). Safe to rerun."

    def add_arguments(self, parser):
        parser.add_argument(
            "--sync",
            action="store_true",
            help="Parse the specs in this process instead of leaving them to the worker.",
        )

    def handle(self, *args, sync: bool, **options):
        summary = demo_load(sync=sync)
        parsing = (
            f"{summary.specs_parsed} parsed here" if sync else "new ones queued for the worker"
        )
        self.stdout.write(
            f"Demo catalog: {summary.apis} APIs ({summary.apis_created} new), "
            f"{summary.versions} versions ({summary.versions_created} new, "
            f"{summary.versions_realigned} with dates moved to stay relative to today), "
            f"{summary.specs} spec documents ({parsing}), "
            f"{summary.users_created} new users, in {summary.seconds:.1f} s."
        )
        self.stdout.write(f"Sign-ins (password '{PASSWORD}'): {', '.join(summary.usernames)}.")
