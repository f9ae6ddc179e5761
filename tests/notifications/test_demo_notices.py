"""load_notices_demo: the demo teams' notices also go to a local webhook receiver."""

from django.core.management import call_command

from catalog.models import Lifecycle
from notifications.models import Channel
from tests.factories import VersionFactory

SECRET = "whsec_" + "A" * 43 + "="


def test_it_adds_one_signed_webhook_per_team_with_a_deprecated_version(api, other_team):
    VersionFactory(api=api, version="1.0.0", lifecycle=Lifecycle.DEPRECATED)
    VersionFactory(api__team=other_team, version="1.0.0", lifecycle=Lifecycle.RELEASED)

    for _ in range(2):  # safe to rerun
        call_command("load_notices_demo", webhook="http://127.0.0.1:8001/", secret=SECRET)

    webhooks = Channel.objects.filter(kind=Channel.Kind.WEBHOOK)
    assert [(c.recipient.team.slug, c.target, c.secret) for c in webhooks] == [
        ("payments", "http://127.0.0.1:8001/", SECRET)
    ]
