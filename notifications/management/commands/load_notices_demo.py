"""Points the demo teams' sunset notices at a local webhook receiver, besides their email.

    python manage.py load_notices_demo --webhook http://127.0.0.1:8001/ --secret whsec_...

Every demo team that owns a deprecated version gets a webhook channel to the receiver, all
signed with the one secret given, so one `webhook_receiver` checks them all. Safe to rerun.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from catalog.models import Lifecycle, Team
from catalog.services import Actor
from notifications.models import Channel
from notifications.services.audience import recipient_for_team
from notifications.services.preferences import channel_add


class Command(BaseCommand):
    help = "Adds a webhook channel to a local receiver for the demo teams' sunset notices."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--webhook", required=True, help="the receiver's URL")
        parser.add_argument("--secret", required=True, help="a whsec_ secret the receiver knows")

    @transaction.atomic
    def handle(self, *args, webhook: str, secret: str, **options) -> None:
        actor = Actor.system("demo loader")
        teams = Team.objects.filter(apis__versions__lifecycle=Lifecycle.DEPRECATED).distinct()
        added = 0
        for team in teams:
            recipient = recipient_for_team(team)
            channel = Channel.objects.filter(
                recipient=recipient, kind=Channel.Kind.WEBHOOK, target=webhook
            ).first()
            if channel is None:
                channel = channel_add(
                    actor=actor, recipient=recipient, kind=Channel.Kind.WEBHOOK, target=webhook
                )
                added += 1
            Channel.objects.filter(pk=channel.pk).update(secret=secret, enabled=True)
        self.stdout.write(f"Demo notices: {added} webhook channels to {webhook}.")
