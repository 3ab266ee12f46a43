from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate

from negotiations.development_counts import SUMMARY, development_counts_install


def _development_counts_install(sender, using, **kwargs) -> None:
    """After every migrate: SQLite drops a table's triggers when a migration rebuilds it,
    so put the summary's triggers back and recount (when the summary exists yet)."""
    connection = connections[using]
    if SUMMARY in connection.introspection.table_names():
        development_counts_install(connection)


class NegotiationsConfig(AppConfig):
    name = "negotiations"

    def ready(self):
        from core.health import report_register
        from negotiations.tasks import ingestion_backlog

        report_register("ingestion", ingestion_backlog)
        post_migrate.connect(_development_counts_install, sender=self)
