"""Which version an API's lint status and score are of: the newest with a spec, which may be a
draft newer than the latest release the catalog shows. Filled in for the APIs linted before."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def backfill(apps, schema_editor):
    Api = apps.get_model("catalog", "Api")
    Version = apps.get_model("catalog", "Version")
    newest = Version.objects.filter(api=OuterRef("pk"), spec__isnull=False).order_by(
        "-major", "-minor", "-patch", "prerelease"
    )
    Api.objects.exclude(lint_status="").update(
        lint_version=Coalesce(Subquery(newest.values("version")[:1]), Value(""))
    )


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_audit_event_team_backfill"),
    ]

    operations = [
        migrations.AddField(
            model_name="api",
            name="lint_version",
            field=models.CharField(
                blank=True,
                help_text="The version the lint status and score are of.",
                max_length=100,
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
