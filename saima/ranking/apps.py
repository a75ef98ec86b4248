from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RankingConfig(AppConfig):
    name = "saima.ranking"
    label = "ranking"
    verbose_name = _("赛马与简报")
