from django.apps import AppConfig


class NegotiationsConfig(AppConfig):
    name = "negotiations"

    def ready(self):
        from core.health import report_register
        from negotiations.tasks import ingestion_backlog

        report_register("ingestion", ingestion_backlog)
