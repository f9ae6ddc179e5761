"""The team of the events recorded before events had one: the API's, the team's own, or that
of the token, consumer, membership or notice channel the event is about."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Cast

# (app label, model, the path from it to its team's id)
TEAM_OF = [
    ("catalog", "Team", "pk"),
    ("catalog", "Membership", "team_id"),
    ("accounts", "ApiToken", "team_id"),
    ("usage", "Consumer", "team_id"),
    ("notifications", "Channel", "recipient__team_id"),
    ("notifications", "Delivery", "channel__recipient__team_id"),
]


def backfill(apps, schema_editor):
    AuditEvent = apps.get_model("catalog", "AuditEvent")
    Api = apps.get_model("catalog", "Api")
    ContentType = apps.get_model("contenttypes", "ContentType")
    unset = AuditEvent.objects.filter(team__isnull=True)
    unset.filter(api__isnull=False).update(
        team_id=Subquery(Api.objects.filter(pk=OuterRef("api_id")).values("team_id")[:1])
    )
    for app_label, name, path in TEAM_OF:
        kind = ContentType.objects.filter(app_label=app_label, model=name.lower()).first()
        if kind is None:
            continue
        target = apps.get_model(app_label, name).objects.filter(
            pk=Cast(OuterRef("target_id"), models.BigIntegerField())
        )
        unset.filter(api__isnull=True, target_type=kind).update(
            team_id=Subquery(target.values(path)[:1])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_audit_event_team"),
        ("accounts", "0002_apitoken_ingest_scope"),
        ("usage", "0003_daily_rollups_hot_updates"),
        ("notifications", "0001_sunset_notices"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
