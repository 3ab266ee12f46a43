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
        # Imported here, not at the top: models may only be imported once apps are loaded.
        from core.editing import edit_follower_register  # noqa: PLC0415
        from core.health import report_register  # noqa: PLC0415
        from negotiations.services import STATUS_FOLLOWER  # noqa: PLC0415
        from negotiations.tasks import ingestion_backlog, on_ingestion_due  # noqa: PLC0415
        from sources.services import ingestion_due  # noqa: PLC0415

        edit_follower_register(STATUS_FOLLOWER)
        ingestion_due.connect(on_ingestion_due, dispatch_uid="negotiations.ingestion_due")
        report_register("ingestion", ingestion_backlog)
        post_migrate.connect(_development_counts_install, sender=self)
