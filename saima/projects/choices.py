"""Domain vocabularies. Stored values are the Chinese terms the field uses (they appear as
such in Excel ledgers and in the public API); the constant names are English. Each label is
given explicitly: without it Django would derive an English one from the constant name."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    PLANNING = "谋划", _("谋划")
    SIGNED = "签约", _("签约")
    LANDED = "落地", _("落地")
    STARTED = "开工", _("开工")
    COMPLETED = "竣工", _("竣工")
    OPERATING = "投产", _("投产")


STAGE_ORDER = {stage: index for index, stage in enumerate(Stage.values)}


class ConstructionNature(models.TextChoices):
    """建设性质 — how the thing is built (a separate axis from 新建/续建 of the year)."""

    NEW = "新建", _("新建")
    EXPANSION = "扩建", _("扩建")
    RENOVATION = "改建和技术改造", _("改建和技术改造")
    RELOCATION = "迁建", _("迁建")
    RESTORATION = "恢复", _("恢复")


class YearNature(models.TextChoices):
    """The project's nature on one year's plan."""

    NEW = "新建", _("新建")
    CONTINUING = "续建", _("续建")


class Category(models.TextChoices):
    INDUSTRY = "产业", _("产业")
    INFRASTRUCTURE = "基础设施", _("基础设施")
    SOCIAL = "社会民生", _("社会民生")
    ECOLOGY = "生态环保", _("生态环保")
    OTHER = "其他", _("其他")


class PlanLevel(models.TextChoices):
    PROVINCE = "省", _("省")
    CITY = "市", _("市")
    COUNTY = "县", _("县")


class ReserveStatus(models.TextChoices):
    """储备一批、争取一批、推进一批."""

    RESERVED = "储备", _("储备")
    SEEKING = "争取", _("争取")
    ADVANCING = "推进", _("推进")


# GB/T 4754-2017 sections (the 2017 names, not the 2002 ones).
INDUSTRY_SECTIONS = [
    ("A", "农、林、牧、渔业"),
    ("B", "采矿业"),
    ("C", "制造业"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("E", "建筑业"),
    ("F", "批发和零售业"),
    ("G", "交通运输、仓储和邮政业"),
    ("H", "住宿和餐饮业"),
    ("I", "信息传输、软件和信息技术服务业"),
    ("J", "金融业"),
    ("K", "房地产业"),
    ("L", "租赁和商务服务业"),
    ("M", "科学研究和技术服务业"),
    ("N", "水利、环境和公共设施管理业"),
    ("O", "居民服务、修理和其他服务业"),
    ("P", "教育"),
    ("Q", "卫生和社会工作"),
    ("R", "文化、体育和娱乐业"),
    ("S", "公共管理、社会保障和社会组织"),
    ("T", "国际组织"),
]
INDUSTRY_CHOICES = [(code, f"{code} {name}") for code, name in INDUSTRY_SECTIONS]

# Funding channels seeded by the initial data migration; more can be added by an administrator.
FUNDING_CHANNELS = [
    "专项债券",
    "中央预算内",
    "企业自筹",
    "银行贷款",
    "省预算内",
    "政府投资",
    "其他",
]
