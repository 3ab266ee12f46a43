"""Stored search documents for events and articles on PostgreSQL (issue 13).

Ranking and counting a broad search recomputed `to_tsvector` for every matching row
(the expression indexes of 0003 only find the rows). Each table gets a generated
column, `search_document`, that PostgreSQL keeps current on every write, with the GIN
index under the old index's name; negotiations.search ranks and counts on it. The ORM
does not know the column (SQLite, the embedded default, has no tsvector and keeps its
word matching), so no model state changes.
"""

from django.db import migrations

DOCUMENTS = {
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
    for index, (table, document) in DOCUMENTS.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_document tsvector GENERATED ALWAYS AS "
            f"(to_tsvector('english'::regconfig, {document})) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, (table, document) in DOCUMENTS.items():
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_document")
        schema_editor.execute(
            f"CREATE INDEX {index} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {document}))"
        )


class Migration(migrations.Migration):
    dependencies = [("negotiations", "0014_event_record_date_indexes")]

    operations = [migrations.RunPython(create, drop)]
