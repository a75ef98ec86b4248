from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScheduleConfig(AppConfig):
    name = "saima.schedule"
    label = "schedule"
    verbose_name = _("前期手续与节点")
