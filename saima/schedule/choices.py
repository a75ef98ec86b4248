"""Vocabularies of the schedule: the approvals (前期手续) and milestones a project goes through.

The lists seeded here are defaults; an administrator can add approval types and change which
ones each kind of project requires (ApprovalType, ApprovalRequirement)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# (name, order) of the approval types seeded by the data migration.
DEFAULT_APPROVAL_TYPES = [
    "立项（可研）",
    "用地预审",
    "规划许可",
    "环评",
    "能评",
    "水土保持",
    "施工许可",
]

# Requirement sets: project category → required approval types. "" is the default set, used
# for projects whose category has no set of its own.
DEFAULT_REQUIREMENTS = {
    "": ["立项（可研）", "用地预审", "规划许可", "环评", "能评", "施工许可"],
    "产业": ["立项（可研）", "用地预审", "规划许可", "环评", "能评", "施工许可"],
    "基础设施": ["立项（可研）", "用地预审", "规划许可", "环评", "水土保持", "施工许可"],
    "生态环保": ["立项（可研）", "用地预审", "环评", "水土保持", "施工许可"],
    "社会民生": ["立项（可研）", "用地预审", "规划许可", "环评", "施工许可"],
}


class MilestoneKind(models.TextChoices):
    """Construction milestones after the start (开工 itself is a stage of the ledger)."""

    TOPPED_OUT = "主体封顶", _("主体封顶")
    EQUIPMENT = "设备安装", _("设备安装")
    TRIAL_RUN = "试生产", _("试生产")
    ACCEPTANCE = "竣工验收", _("竣工验收")
    OPERATING = "投产", _("投产")
