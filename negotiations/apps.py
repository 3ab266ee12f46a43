from django.apps import AppConfig


class NegotiationsConfig(AppConfig):
    name = "negotiations"
