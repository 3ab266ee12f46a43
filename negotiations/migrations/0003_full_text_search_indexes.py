"""GIN indexes for full-text search on PostgreSQL (negotiations.search).

Each expression is exactly what `SearchVector(..., config="english")` generates for
the searched fields, or PostgreSQL would not use the index. SQLite (the embedded
default) searches by word matching and gets no index.
"""

from django.db import migrations

INDEXES = {
    "event_search_idx": (
        "negotiations_event",
        "COALESCE(title, '') || ' ' || COALESCE(summary, '')",
    ),
    "article_search_idx": (
        "negotiations_article",
        "COALESCE(title, '') || ' ' || COALESCE(text, '')",
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, document) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {document}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0002_event_status_change_indexes")]

    operations = [migrations.RunPython(create, drop)]
