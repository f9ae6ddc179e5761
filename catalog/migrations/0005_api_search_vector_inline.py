from django.db import migrations

# The search vector (~1 kB) tipped most rows over PostgreSQL's 2 kB TOAST threshold, so it
# was stored out of line and every search de-TOASTed it row by row (docs/benchmarks.md,
# "Why the slow pages are slow", 3). MAIN keeps it in the row, compressed, and lets the
# description (which lists defer) go out of line instead. Django has no field option for a
# column's storage, hence SQL. The UPDATE rewrites existing rows in the new layout.


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_version_migration_note"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE catalog_api ALTER COLUMN search_vector SET STORAGE MAIN",
            reverse_sql="ALTER TABLE catalog_api ALTER COLUMN search_vector SET STORAGE EXTENDED",
        ),
        migrations.RunSQL(
            "UPDATE catalog_api SET search_extra = search_extra",
            reverse_sql=migrations.RunSQL.noop,
        ),
    ]
