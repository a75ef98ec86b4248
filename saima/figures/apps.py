from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FiguresConfig(AppConfig):
    name = "saima.figures"
    label = "figures"
    verbose_name = _("统计数据")

    def ready(self):
        from . import versions

        versions.connect()
