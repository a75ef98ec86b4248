from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "saima.core"
    label = "core"
