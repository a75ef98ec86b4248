from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DispatchConfig(AppConfig):
    name = "saima.dispatch"
    verbose_name = _("调度填报")
