"""The developments-per-period summary (issue 13).

Every timeline request counted developments per month over all events (a sequential
scan of the table). DevelopmentCount holds those counts, kept current by triggers on
the events table (negotiations.development_counts); this migration creates the table,
installs the triggers and fills it from the existing events, in one transaction with
writes to the events held off.
"""

from django.db import migrations, models

from negotiations.development_counts import SUMMARY, development_counts_install


def install(apps, schema_editor):
    development_counts_install(schema_editor.connection)


def uninstall(apps, schema_editor):
    # The triggers go with the table on both PostgreSQL and SQLite; the function stays.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {SUMMARY}_append() CASCADE")


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0016_article_evidence_to_sources")]

    operations = [
        migrations.CreateModel(
            name="DevelopmentCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("month", models.DateField()),
                ("kind", models.CharField(max_length=20)),
                ("precision", models.CharField(max_length=8)),
                ("status", models.CharField(max_length=12)),
                (
                    "known_month",
                    models.DateField(help_text="The month of the events' first_reported_on."),
                ),
                ("n", models.IntegerField()),
            ],
        ),
        migrations.RunPython(install, uninstall),
    ]
