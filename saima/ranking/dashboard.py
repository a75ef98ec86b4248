"""The dashboard's content: every chart's data and the same data as a table (shown under the
chart and downloaded as CSV). Numbers are formatted by the functions the briefing uses, from
the same figures (saima.ranking.briefing.figures_for), so both always agree."""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saima.core.numbers import round_half_up
from saima.figures import lights
from saima.figures.indicators import display, shared_figures

from .briefing import Figures, figures_for
from .periods import Period
from .scoring import Ranking, ranking_for, row_cells
from .sentences import Writer, templates_for, yi_text

STAGES = ("谋划", "签约", "落地", "开工")
BAR_INDICATORS = [
    ("start_or_resume_rate", gettext_lazy("开复工率")),
    ("start_rate", gettext_lazy("开工率")),
    ("resume_rate", gettext_lazy("复工率")),
]


def project_list_url(code: str) -> str | None:
    """The project list filtered to a region (the pages app's `project_list`), if installed."""
    try:
        return f"{reverse('project_list')}?region={code}"
    except NoReverseMatch:
        return None


def project_url(pk: int) -> str | None:
    try:
        return reverse("project_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return None


def _number(value) -> str | None:
    """A chart value: the displayed rounding, as text ECharts reads as a number."""
    return None if value is None else str(round_half_up(value, 1))


def _yoy_text(writer: Writer, now, last, amount: bool) -> str:
    """Year-on-year for a card: "+4.1个百分点" / "增长15%" …, — when last year is unknown."""
    if last is None or now is None:
        return "—"
    text = writer.amount_change(now, last) if amount else writer.rate_change(now, last)
    return text.lstrip("，").replace("比去年同期", "") or "—"


@dataclass
class Dashboard:
    region: object
    period: Period
    figures: Figures
    ranking: Ranking | None
    own_row: object
    project_lights: dict
    tables: dict
    charts: dict


def cards(figures: Figures, writer: Writer) -> list[dict]:
    now, last = figures.now, figures.last or {}
    rows = [
        (_("计划项目（个）"), str(now["planned_projects"]), "planned_projects", True),
        (_("总投资（亿元）"), yi_text(now["total_investment_wan"]), "total_investment_wan", True),
        (_("年度计划投资（亿元）"), yi_text(now["annual_plan_wan"]), "annual_plan_wan", True),
        (_("已开复工（个）"), str(now["started_or_resumed"]), "started_or_resumed", True),
        (_("开复工率"), display(now["start_or_resume_rate"]), "start_or_resume_rate", False),
        (_("开工率"), display(now["start_rate"]), "start_rate", False),
        (_("复工率"), display(now["resume_rate"]), "resume_rate", False),
        (_("时间进度"), display(now["time_progress"]), None, False),
    ]
    return [
        {
            "label": label,
            "value": value,
            "yoy": _yoy_text(writer, now[key], last.get(key), amount) if key else "",
        }
        for label, value, key, amount in rows
    ]


def build(region, period: Period, user) -> Dashboard:
    with shared_figures():
        return _build(region, period)


def _build(region, period: Period) -> Dashboard:
    figures = figures_for(region, period)
    writer = Writer(templates_for(region))
    now = figures.now
    ranking = ranking_for(region, period)
    own_row = None
    if ranking is None and region.parent is not None:
        parent_ranking = ranking_for(region.parent, period)
        own_row = parent_ranking.row_for(region.code) if parent_ranking else None
        own_ranking = parent_ranking
    else:
        own_ranking = ranking
    project_rows = lights.project_lights(region, period.year, period.end)
    project = lights.counts(project_rows)
    warned = [p for p in project_rows if p.light != lights.GREEN]
    warned.sort(key=lambda p: (p.light != lights.RED, p.region_code, p.name))
    region_lights = lights.counts([c["light"] for c in figures.children])

    card_rows = cards(figures, writer)
    stages = [s for s in now["stages"] if s["stage"] in STAGES]
    tables = {
        "cards": {
            "title": _("主要指标"),
            "columns": [_("指标"), _("本期"), _("同比")],
            "rows": [[c["label"], c["value"], c["yoy"] or "—"] for c in card_rows],
        },
        "funnel": {
            "title": _("招商引资阶段"),
            "columns": [_("阶段"), _("完成（个）"), _("目标（个）"), _("完成率")],
            "rows": [
                [
                    s["stage"],
                    str(s["actual"]),
                    "—" if s["target"] is None else str(s["target"]),
                    display(s["completion"]),
                ]
                for s in stages
            ],
        },
        "children": {
            "title": _("各地开复工情况"),
            "columns": [_("地区"), _("计划项目（个）"), _("已开复工（个）")]
            + [str(label) for _key, label in BAR_INDICATORS]
            + [_("预警")],
            "rows": [
                [
                    c["figures"]["region_name"],
                    str(c["figures"]["planned_projects"]),
                    str(c["figures"]["started_or_resumed"]),
                ]
                + [display(c["figures"][key]) for key, _label in BAR_INDICATORS]
                + [str(lights.LABELS.get(c["light"], "—"))]
                for c in figures.children
            ],
        },
        "warned": {
            "title": _("预警项目"),
            "columns": [_("项目"), _("地区代码"), _("预警")],
            "rows": [[p.name, p.region_code, str(lights.LABELS[p.light])] for p in warned],
            "links": [project_url(p.project_id) for p in warned],
        },
        "lights": {
            "title": _("三色预警"),
            "columns": [_("对象"), _("绿灯"), _("黄灯"), _("红灯")],
            "rows": [
                [_("项目")] + [str(project[c]) for c in lights.COLOURS],
                [_("下级地区")] + [str(region_lights[c]) for c in lights.COLOURS],
            ],
        },
    }
    if own_ranking is not None:
        rows = (
            [own_row] if own_row is not None else [r for _n, rs in own_ranking.leagues for r in rs]
        )
        tables["ranking"] = {
            "title": _("赛马排名"),
            "columns": [_("组别"), _("名次"), _("单位")]
            + [c["label"] for c in own_ranking.columns()]
            + [_("总分"), _("名次变化")],
            "rows": [[r.league, *row_cells(own_ranking, r)] for r in rows],
        }
    charts = {
        "funnel": {
            "labels": [s["stage"] for s in stages],
            "actual": [s["actual"] for s in stages],
            "target": [s["target"] for s in stages],
            "completion": [_number(s["completion"]) for s in stages],
        },
        "children": {
            "labels": [c["figures"]["region_name"] for c in figures.children],
            "links": [
                reverse("ranking:dashboard", args=[c["figures"]["region"]]) + f"?period={period}"
                for c in figures.children
            ],
            "indicators": [{"key": k, "label": str(label)} for k, label in BAR_INDICATORS],
            "values": {
                key: [_number(c["figures"][key]) for c in figures.children]
                for key, _label in BAR_INDICATORS
            },
            "progress": _number(now["time_progress"]),
            "progress_label": _("时间进度"),
        },
        "lights": {
            "labels": [str(lights.LABELS[c]) for c in lights.COLOURS],
            "colours": list(lights.COLOURS),
            "rows": [_("项目"), _("下级地区")],
            "projects": [project[c] for c in lights.COLOURS],
            "regions": [region_lights[c] for c in lights.COLOURS],
        },
    }
    return Dashboard(region, period, figures, own_ranking, own_row, project, tables, charts)
