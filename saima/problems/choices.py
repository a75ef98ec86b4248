"""Problem vocabularies, stored as the Chinese terms the field uses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    OPEN = "待办", _("待办")
    IN_PROGRESS = "办理中", _("办理中")
    RESOLVED = "已办结", _("已办结")
    CONFIRMED = "已确认", _("已确认")


# States in which the problem still waits for someone to solve it (its deadline runs).
OPEN_STATES = (State.OPEN, State.IN_PROGRESS)


class Holder(models.TextChoices):
    """Who holds a level of the escalation ladder."""

    UNIT_HEAD = "unit_head", _("责任单位负责人")
    LEADER = "leader", _("包保领导")
    PERSON = "person", _("指定人员（如书记区长）")


class EventKind(models.TextChoices):
    RAISED = "raised", _("提出问题")
    ASSIGNED = "assigned", _("交办")
    STARTED = "started", _("开始办理")
    RESOLVED = "resolved", _("办结")
    CONFIRMED = "confirmed", _("确认办结")
    REJECTED = "rejected", _("退回重办")
    ESCALATED = "escalated", _("自动升级")
    ESCALATED_MANUAL = "escalated_manual", _("手动升级")
    OVERDUE = "overdue", _("超期")
    ATTACHED = "attached", _("上传附件")


# The default ladder (三级会商) when a region and the regions above it configure none.
DEFAULT_LADDER = [
    (1, Holder.UNIT_HEAD, "责任单位负责人", 5),
    (2, Holder.LEADER, "包保领导", 5),
    (3, Holder.PERSON, "书记区长", 10),
]

DEFAULT_CATEGORIES = ["用地", "征迁", "资金", "审批", "水电气", "交通", "环保", "其他"]
