from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "saima.events"
    label = "events"
    verbose_name = _("集中开工与攻坚行动")
