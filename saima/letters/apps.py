from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "saima.letters"
    label = "letters"
    verbose_name = _("提示函与督办函")
