"""The briefing's sentences: editable templates (str.format named fields) filled with values
that are already rounded half-up and worded (提高/降低, 高于/低于, 增长/下降) from the data.

A comparison with last year is left out when last year is unknown; a change that rounds to
zero reads 持平. The numbers are made by the same functions the dashboard uses.
"""

import string
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saima.core.numbers import HUNDRED, WAN_PER_YI
from saima.figures.indicators import short

from .models import SentenceTemplate

DEFAULT_TEMPLATES = {
    "title": "重点项目建设简报",
    "office": "{region}重大项目建设服务中心",
    "plan": "截至{as_of_label}，{region}计划实施重点项目{projects}个{projects_change}，"
    "总投资{total_yi}亿元{total_change}，年度计划投资{annual_yi}亿元。",
    "start": "已开复工{started_or_resumed}个，开复工率{rate}%{rate_change}。",
    "start_detail": "其中新建项目开工{started_new}个，开工率{start_rate}%；"
    "续建项目复工{resumed}个，复工率{resume_rate}%。",
    "stage": "{stage}项目{actual}个，完成年度目标{target}个的{rate}%，{direction}序时进度{gap}个百分点。",
    "stage_even": "{stage}项目{actual}个，完成年度目标{target}个的{rate}%，与序时进度持平。",
    "change_rate": "，比去年同期{direction}{change}个百分点",
    "change_amount": "，比去年同期{direction}{change}%",
    "change_flat": "，与去年同期持平",
}

FIELDS = {
    "title": {"region"},
    "office": {"region"},
    "plan": {
        "as_of_label",
        "region",
        "projects",
        "projects_change",
        "total_yi",
        "total_change",
        "annual_yi",
    },
    "start": {"started_or_resumed", "rate", "rate_change"},
    "start_detail": {"started_new", "start_rate", "resumed", "resume_rate"},
    "stage": {"stage", "actual", "target", "rate", "direction", "gap"},
    "stage_even": {"stage", "actual", "target", "rate"},
    "change_rate": {"direction", "change"},
    "change_amount": {"direction", "change"},
    "change_flat": set(),
}

LABELS = {
    "title": gettext_lazy("简报标题"),
    "office": gettext_lazy("印发机关"),
    "plan": gettext_lazy("计划总体情况"),
    "start": gettext_lazy("开复工情况"),
    "start_detail": gettext_lazy("开工、复工分项"),
    "stage": gettext_lazy("招商阶段（与序时进度有差距）"),
    "stage_even": gettext_lazy("招商阶段（与序时进度持平）"),
    "change_rate": gettext_lazy("比率同比（个百分点）"),
    "change_amount": gettext_lazy("数量、金额同比（%）"),
    "change_flat": gettext_lazy("同比持平"),
}


def check_template(key: str, text: str) -> None:
    """Reject a template with unknown or malformed fields, naming the problem."""
    allowed = FIELDS[key]
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError({"text": _("模板格式有误：花括号“{ }”不成对")}) from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name == "" or name.isdigit():
            raise ValidationError({"text": _("模板中的字段须写名称，例如 {rate}")})
        if name not in allowed or spec or conversion:
            raise ValidationError(
                {
                    "text": _("模板中的字段“{%(f)s}”不可用；可用字段：%(all)s")
                    % {"f": name, "all": "、".join(f"{{{n}}}" for n in sorted(allowed)) or "无"}
                }
            )


def templates_for(region) -> dict[str, str]:
    stored = dict(SentenceTemplate.objects.filter(region=region).values_list("key", "text"))
    return {key: stored.get(key, default) for key, default in DEFAULT_TEMPLATES.items()}


def yi_text(wan: Decimal) -> str:
    """万元 → 亿元 text, half-up to two decimals, trailing zeros dropped (1023.5)."""
    return short(wan / WAN_PER_YI, 2)


class Writer:
    """Fills a region's templates."""

    def __init__(self, templates: dict[str, str]):
        self.templates = templates

    def render(self, key: str, **fields) -> str:
        return self.templates[key].format(**fields)

    def rate_change(self, now: Decimal | None, last: Decimal | None) -> str:
        """ "，比去年同期提高4.1个百分点" / 降低 / 持平; "" when either year is unknown."""
        if now is None or last is None:
            return ""
        change = short(abs(now - last))
        if change == "0":
            return self.render("change_flat")
        return self.render(
            "change_rate", direction=_("提高") if now > last else _("降低"), change=change
        )

    def amount_change(self, now, last) -> str:
        """ "，比去年同期增长15%" / 下降 / 持平; "" when last year is unknown or zero."""
        if now is None or last is None or Decimal(last) == 0:
            return ""
        growth = (Decimal(now) - Decimal(last)) * HUNDRED / Decimal(last)
        change = short(abs(growth))
        if change == "0":
            return self.render("change_flat")
        return self.render(
            "change_amount", direction=_("增长") if growth > 0 else _("下降"), change=change
        )

    def stage(self, stage: dict, progress: Decimal) -> str | None:
        if stage["completion"] is None:
            return None
        fields = {
            "stage": stage["stage"],
            "actual": stage["actual"],
            "target": stage["target"],
            "rate": short(stage["completion"]),
        }
        gap = short(abs(stage["completion"] - progress))
        if gap == "0":
            return self.render("stage_even", **fields)
        direction = _("高于") if stage["completion"] > progress else _("低于")
        return self.render("stage", direction=direction, gap=gap, **fields)

    def overview(self, now: dict, last: dict | None, as_of_label: str) -> list[str]:
        """The overview paragraph's sentences for this year's figures and last year's (or
        None when last year is unknown)."""
        last = last or {}
        plan = self.render(
            "plan",
            as_of_label=as_of_label,
            region=now["region_name"],
            projects=now["planned_projects"],
            projects_change=self.amount_change(
                now["planned_projects"], last.get("planned_projects")
            ),
            total_yi=yi_text(now["total_investment_wan"]),
            total_change=self.amount_change(
                now["total_investment_wan"], last.get("total_investment_wan")
            ),
            annual_yi=yi_text(now["annual_plan_wan"]),
        )
        sentences = [plan]
        if now["start_or_resume_rate"] is not None:
            sentences.append(
                self.render(
                    "start",
                    started_or_resumed=now["started_or_resumed"],
                    rate=short(now["start_or_resume_rate"]),
                    rate_change=self.rate_change(
                        now["start_or_resume_rate"], last.get("start_or_resume_rate")
                    ),
                )
            )
        if now["start_rate"] is not None and now["resume_rate"] is not None:
            sentences.append(
                self.render(
                    "start_detail",
                    started_new=now["started_new"],
                    start_rate=short(now["start_rate"]),
                    resumed=now["resumed_continuing"],
                    resume_rate=short(now["resume_rate"]),
                )
            )
        for stage in now["stages"]:
            if (text := self.stage(stage, now["time_progress"])) is not None:
                sentences.append(text)
        return sentences
