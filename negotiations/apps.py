from django.apps import AppConfig


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
