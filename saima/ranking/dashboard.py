"""The dashboard's content: every chart's data and the same data as a table (shown under the
chart and downloaded as CSV). Numbers are formatted by the functions the briefing uses, from
the same figures (saima.ranking.briefing.figures_for), so both always agree."""

from dataclasses import dataclass, replace

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saima.accounts.access import can
from saima.core.numbers import round_half_up
from saima.figures import lights
from saima.figures.indicators import POINTS, display, shared_figures
from saima.projects.models import Project

from . import sections
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


def _yi(wan) -> str:
    return "—" if wan is None else yi_text(wan)


def _count(value) -> str:
    return "—" if value is None else str(value)


def pace_table(now: dict) -> dict:
    """Investment completion against time progress, month by month (saima.figures.pace)."""
    return {
        "title": _("投资完成率与序时进度（按月）"),
        "columns": [
            _("月份"),
            _("累计完成投资（亿元）"),
            _("投资完成率"),
            _("时间进度"),
            _("较序时进度（个百分点）"),
        ],
        "rows": [
            [
                _("%(m)s月") % {"m": m["month"]},
                yi_text(m["completed_wan"]),
                display(m["completion_rate"]),
                display(m["time_progress"]),
                display(m["ahead_points"], POINTS),
            ]
            for m in now.get("pace_months") or []
        ],
    }


def pace_chart(now: dict) -> dict:
    months = now.get("pace_months") or []
    return {
        "labels": [_("%(m)s月") % {"m": m["month"]} for m in months],
        "completion": [_number(m["completion_rate"]) for m in months],
        "progress": [_number(m["time_progress"]) for m in months],
        "completion_label": _("投资完成率"),
        "progress_label": _("时间进度"),
    }


def problem_tables(now: dict) -> tuple[dict, dict]:
    """Problems by level and by category, as the briefing's problem section shows them."""
    levels = sections.problem_table(now.get("problem_levels") or [], _("级别"))
    categories = sections.problem_table(now.get("problem_categories") or [], _("类别"))
    return (
        {"title": _("问题按级别统计"), **levels},
        {"title": _("问题按类别统计"), **categories},
    )


def problem_chart(now: dict) -> dict:
    def series(rows):
        return {
            "labels": [str(r["label"]) for r in rows],
            "resolved": [r["resolved"] for r in rows],
            "open": [r["raised"] - r["resolved"] - r["overdue"] for r in rows],
            "overdue": [r["overdue"] for r in rows],
        }

    return {
        "levels": series(now.get("problem_levels") or []),
        "categories": series(now.get("problem_categories") or []),
        "names": {"resolved": _("已办结"), "open": _("办理中"), "overdue": _("超期未办结")},
    }


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
        (_("新建项目开工（个）"), str(now["started_new"]), "started_new", True),
        (_("续建项目复工（个）"), str(now["resumed_continuing"]), "resumed_continuing", True),
        (_("开工率"), display(now["start_rate"]), "start_rate", False),
        (_("复工率"), display(now["resume_rate"]), "resume_rate", False),
        (_("时间进度"), display(now["time_progress"]), None, False),
        (_("累计完成投资（亿元）"), _yi(now.get("completed_wan")), "completed_wan", True),
        (_("投资完成率"), display(now.get("completion_rate")), "completion_rate", False),
        (_("较序时进度（个百分点）"), display(now.get("ahead_points"), POINTS), None, False),
        (_("前期手续完成率"), display(now.get("approvals_rate")), "approvals_rate", False),
        (_("受理问题（个）"), _count(now.get("problems_raised")), "problems_raised", True),
        (
            _("问题按期办结率"),
            display(now.get("problems_on_time_rate")),
            "problems_on_time_rate",
            False,
        ),
        (_("超期未办结问题（个）"), _count(now.get("problems_overdue")), None, False),
        (_("填报及时率"), display(now.get("filings_on_time_rate")), None, False),
    ]
    return [
        {
            "label": label,
            "value": value,
            "yoy": _yoy_text(writer, now.get(key), last.get(key), amount) if key else "",
        }
        for label, value, key, amount in rows
    ]


def build(region, period: Period, user) -> Dashboard:
    with shared_figures():
        board = _build(region, period)
    return _within_reach(board, user)


def _within_reach(board: Dashboard, user) -> Dashboard:
    """The warned projects are rows of the ledger: a user who does not read the region's whole
    ledger is shown only those they read; the light counts stay the region's."""
    if can(user, "view", region=board.region):
        return board
    warned = board.tables["warned"]
    visible = set(
        Project.objects.visible_to(user).filter(pk__in=warned["ids"]).values_list("pk", flat=True)
    )
    keep = [i for i, pk in enumerate(warned["ids"]) if pk in visible]
    narrowed = {key: [warned[key][i] for i in keep] for key in ("rows", "links", "ids")}
    return replace(board, tables={**board.tables, "warned": {**warned, **narrowed}})


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
            "ids": [p.project_id for p in warned],
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
    tables["pace"] = pace_table(now)
    tables["problem_levels"], tables["problem_categories"] = problem_tables(now)
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
        "pace": pace_chart(now),
        "problems": problem_chart(now),
        "lights": {
            "labels": [str(lights.LABELS[c]) for c in lights.COLOURS],
            "colours": list(lights.COLOURS),
            "rows": [_("项目"), _("下级地区")],
            "projects": [project[c] for c in lights.COLOURS],
            "regions": [region_lights[c] for c in lights.COLOURS],
        },
    }
    return Dashboard(region, period, figures, own_ranking, own_row, project, tables, charts)
