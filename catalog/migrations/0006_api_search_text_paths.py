"""The search text of every API again, now with the words of its operation paths."""

from django.db import migrations


def refresh_search_text(apps, schema_editor):
    from catalog.services.apis import search_text

    Api = apps.get_model("catalog", "Api")
    Version = apps.get_model("catalog", "Version")
    Operation = apps.get_model("catalog", "Operation")
    for api in Api.objects.only("pk", "tags").iterator(chunk_size=1000):
        newest = (
            Version.objects.filter(api_id=api.pk, spec__isnull=False)
            .order_by("-major", "-minor", "-patch", "prerelease")
            .values_list("spec_id", flat=True)
            .first()
        )
        operations = (
            Operation.objects.filter(spec_id=newest).values_list("summary", "operation_id", "path")[
                :2000
            ]
            if newest
            else []
        )
        Api.objects.filter(pk=api.pk).update(search_extra=search_text(api.tags, operations))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0005_api_search_vector_inline")]

    operations = [migrations.RunPython(refresh_search_text, migrations.RunPython.noop)]
