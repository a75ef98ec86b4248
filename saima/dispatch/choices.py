"""Vocabularies of the dispatch cycle, stored as the Chinese terms the offices use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Rhythm(models.TextChoices):
    """How often a region's projects file progress (月报 is the default)."""

    MONTHLY = "月报", _("月报")
    WEEKLY = "周报", _("周报")
    TEN_DAY = "旬报", _("旬报")


class PeriodState(models.TextChoices):
    UPCOMING = "未开始", _("未开始")
    OPEN = "填报中", _("填报中")
    CLOSED = "已关闭", _("已关闭")


class FilingState(models.TextChoices):
    DRAFT = "草稿", _("草稿")
    SUBMITTED = "已提交", _("已提交")
    RETURNED = "已退回", _("已退回")
    ACCEPTED = "已通过", _("已通过")


# Filings whose amount counts in the investment figures. A submitted filing counts as soon as
# the secretary submits it: the county administrator's review confirms or returns it, and a
# returned figure drops out until it is submitted again. Drafts never count.
COUNTED_STATES = (FilingState.SUBMITTED, FilingState.ACCEPTED)

# A filing has been "filed" (for due/on-time/late/missing) once it was submitted at least once.
TEN_DAY_NAMES = {1: _("上旬"), 2: _("中旬"), 3: _("下旬")}
