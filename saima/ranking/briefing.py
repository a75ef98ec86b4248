"""The monthly briefing's content: one JSON-safe structure (sections, paragraphs, tables,
chart data) from which the web page and the .docx are both rendered. A published briefing
stores it, so regenerating a closed period gives the same document; the dashboard reads the
same figures."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from saima.figures import lights
from saima.figures.headline import as_json, from_json, headline
from saima.figures.indicators import display, prefetch, shared_figures
from saima.projects.models import AnnualPlan
from saima.regions.models import Region

from .models import Briefing
from .periods import WEEK, Period
from .scoring import ranking_for, row_cells
from .sentences import Writer, templates_for, yi_text

NUMERALS = "一二三四五六七八九十"
MAJOR_PROJECTS = 10


@dataclass
class Figures:
    """A region's figures for a period: frozen (from a published briefing) or live."""

    now: dict
    last: dict | None
    children: list[dict]
    frozen: bool


def as_of_label(period: Period) -> str:
    end = period.end
    if period.kind == WEEK:
        return _("%(m)s月%(d)s日") % {"m": end.month, "d": end.day}
    return _("%(m)s月底") % {"m": period.end_month}


def latest_briefing(region, period: Period) -> Briefing | None:
    return Briefing.objects.filter(region=region, period=str(period)).order_by("-version").first()


def frozen_figures(region, period: Period) -> dict | None:
    briefing = latest_briefing(region, period)
    return from_json(briefing.content["figures"]) if briefing else None


def live_children(region, period: Period, progress) -> list[dict]:
    rows = []
    children = list(Region.objects.filter(parent=region).order_by("code"))
    prefetch(children, period.year, period.end)
    for child in children:
        figures = headline(child, period.year, period.end, progress)
        rows.append(
            {
                "figures": figures,
                "light": lights.region_light(child, period.year, period.end, progress),
            }
        )
    return rows


def figures_for(region, period: Period, frozen: bool = True) -> Figures:
    """What every output shows for a region and period: the published briefing's frozen
    figures if there is one, else the ledger now. Last year comes only from frozen figures
    (a published briefing of the same period last year); unknown → None."""
    last = frozen_figures(region, period.same_last_year())
    briefing = latest_briefing(region, period) if frozen else None
    if briefing is not None:
        content = briefing.content
        children = [
            {"figures": from_json(c["figures"]), "light": c["light"]} for c in content["children"]
        ]
        return Figures(from_json(content["figures"]), last, children, True)
    progress = period.time_progress()
    now = headline(region, period.year, period.end, progress)
    return Figures(now, last, live_children(region, period, progress), False)


def _heading(n: int, text: str) -> str:
    return f"{NUMERALS[n - 1]}、{text}"


def children_table(children: list[dict]) -> dict:
    columns = [
        _("地区"),
        _("计划项目（个）"),
        _("已开复工（个）"),
        _("开复工率"),
        _("谋划"),
        _("签约"),
        _("落地"),
        _("开工"),
        _("预警"),
    ]
    rows = []
    for child in children:
        f = child["figures"]
        stages = {s["stage"]: s["completion"] for s in f["stages"]}
        rows.append(
            [
                f["region_name"],
                str(f["planned_projects"]),
                str(f["started_or_resumed"]),
                display(f["start_or_resume_rate"]),
                *(display(stages.get(s)) for s in ("谋划", "签约", "落地", "开工")),
                str(lights.LABELS.get(child["light"], "—")),
            ]
        )
    return {"columns": columns, "rows": rows}


def ranking_tables(region, period: Period) -> tuple[list[str], list[dict]]:
    ranking = ranking_for(region, period)
    if ranking is None and region.parent is not None and ranking_for(region.parent, period):
        return parent_ranking_tables(region, period)
    if ranking is None:
        return [
            _("%(r)s尚未制定%(y)s年度赛马方案，本期不排名。") % {"r": region, "y": period.year}
        ], []
    paragraphs = [_scheme_sentence(ranking)]
    tables = [
        {
            "title": f"（{NUMERALS[n]}）{name}",
            "columns": _columns(ranking),
            "rows": [row_cells(ranking, row) for row in rows],
        }
        for n, (name, rows) in enumerate(ranking.leagues)
    ]
    return paragraphs, tables


def _columns(ranking) -> list[str]:
    columns = [_("名次"), _("单位")] + [c["label"] for c in ranking.columns()]
    return columns + [_("总分"), _("名次变化")]


def _scheme_sentence(ranking) -> str:
    state = (
        _("第%(n)s次发布") % {"n": ranking.publication.number}
        if ranking.publication
        else _("未发布，为实时计算结果")
    )
    return _("按《%(name)s》（第%(v)s版）计分，%(state)s。") % {
        "name": ranking.scheme.name,
        "v": ranking.scheme.version,
        "state": state,
    }


def parent_ranking_tables(region, period: Period) -> tuple[list[str], list[dict]]:
    """A region without a scheme of its own: its place in the ranking above it."""
    ranking = ranking_for(region.parent, period)
    row = ranking.row_for(region.code) if ranking else None
    if row is None:
        return [_("%(r)s本期未参加赛马排名。") % {"r": region}], []
    rows = dict(ranking.leagues)[row.league]
    sentence = _("在%(parent)s%(league)s%(n)s个单位中排名第%(rank)s，名次变化：%(change)s。") % {
        "parent": region.parent,
        "league": row.league,
        "n": len(rows),
        "rank": row.rank,
        "change": row.change,
    }
    # Only the region's own line: the other units' figures are outside its scope.
    table = {"title": "", "columns": _columns(ranking), "rows": [row_cells(ranking, row)]}
    return [f"{region}{sentence}", _scheme_sentence(ranking)], [table]


def major_projects(region, year: int) -> dict:
    plans = (
        AnnualPlan.objects.filter(year=year, project__region__code__startswith=region.prefix)
        .select_related("project__region")
        .order_by("-project__total_investment_wan", "project__name")[:MAJOR_PROJECTS]
    )
    return {
        "columns": [
            _("项目名称"),
            _("地区"),
            _("总投资（亿元）"),
            _("年度计划（亿元）"),
            _("性质"),
            _("当前阶段"),
        ],
        "rows": [
            [
                p.project.name,
                p.project.region.name,
                yi_text(p.project.total_investment_wan),
                yi_text(p.annual_plan_wan),
                p.nature,
                p.project.stage or "—",
            ]
            for p in plans
        ],
    }


def next_steps(figures: Figures) -> list[str]:
    now = figures.now
    paragraphs = []
    lagging = [c["figures"]["region_name"] for c in figures.children if c["light"] == lights.RED]
    behind = [c["figures"]["region_name"] for c in figures.children if c["light"] == lights.YELLOW]
    if lagging:
        paragraphs.append(
            _("对落后于序时进度较多（红灯）的%(names)s，发提示函督促，逐个项目查找原因、限时整改。")
            % {"names": "、".join(lagging)}
        )
    if behind:
        paragraphs.append(
            _("对略低于序时进度（黄灯）的%(names)s，加密调度频次，推动计划项目尽早开复工。")
            % {"names": "、".join(behind)}
        )
    slow = [
        s["stage"]
        for s in now["stages"]
        if s["completion"] is not None and s["completion"] < now["time_progress"]
    ]
    if slow:
        paragraphs.append(
            _("%(stages)s阶段完成率低于序时进度，要加大招商引资和项目推进力度。")
            % {"stages": "、".join(slow)}
        )
    paragraphs.append(_("继续坚持月调度、季晾晒、年评比，按期填报、按期通报。"))
    return paragraphs


def overview_paragraphs(writer: Writer, figures: Figures, period: Period) -> list[str]:
    """The overview: the plan and start sentences as one paragraph, the stage sentences as
    a second (招商引资方面，…)."""
    sentences = writer.overview(figures.now, figures.last, as_of_label(period))
    stages = [s for s in sentences if "完成年度目标" in s]
    general = [s for s in sentences if s not in stages]
    paragraphs = ["".join(general)]
    if stages:
        paragraphs.append(_("招商引资方面，") + "".join(stages))
    return paragraphs


def build_content(region, period: Period, issue: int) -> dict:
    """The whole briefing as plain data (the frozen form)."""
    with shared_figures():
        return _build_content(region, period, issue)


def _build_content(region, period: Period, issue: int) -> dict:
    figures = figures_for(region, period, frozen=False)
    templates = templates_for(region)
    writer = Writer(templates)
    now = figures.now
    rank_paragraphs, rank_tables = ranking_tables(region, period)
    majors = major_projects(region, period.year)
    sections = [
        {
            "heading": _heading(1, _("总体情况")),
            "paragraphs": overview_paragraphs(writer, figures, period),
            "tables": [],
            "chart": "stages",
        },
        {
            "heading": _heading(2, _("各地进展")),
            "paragraphs": [
                _("各地计划项目开复工和招商引资目标完成情况如下表（完成率按年度目标计算）。")
                if figures.children
                else _("%(r)s无下级地区统计。") % {"r": region}
            ],
            "tables": [{"title": "", **children_table(figures.children)}]
            if figures.children
            else [],
            "chart": "children" if figures.children else "",
        },
        {
            "heading": _heading(3, _("赛马排名")),
            "paragraphs": rank_paragraphs,
            "tables": rank_tables,
            "chart": "",
        },
        {
            "heading": _heading(4, _("重大项目进展")),
            "paragraphs": [
                _(
                    "按总投资排列的前%(n)s个计划项目如下。项目形象进度和投资完成额待月度填报功能启用后列入。"
                )
                % {"n": len(majors["rows"])}
                if majors["rows"]
                else _("本年度尚无计划项目。")
            ],
            "tables": [{"title": "", **majors}] if majors["rows"] else [],
            "chart": "",
        },
        {
            "heading": _heading(5, _("问题及解决情况")),
            "paragraphs": [_("问题清单功能尚未启用，本期暂无问题办理统计数据。")],
            "tables": [],
            "chart": "",
        },
        {
            "heading": _heading(6, _("下步工作")),
            "paragraphs": next_steps(figures),
            "tables": [],
            "chart": "",
        },
    ]
    today = timezone.localdate()
    return {
        "region": region.code,
        "region_name": region.name,
        "period": str(period),
        "period_label": period.label,
        "title": writer.render("title", region=region.name),
        "office": writer.render("office", region=region.name),
        "issue": issue,
        "date": today.isoformat(),
        "date_label": _("%(y)s年%(m)s月%(d)s日")
        % {"y": today.year, "m": today.month, "d": today.day},
        "figures": as_json(now),
        "children": [
            {"figures": as_json(c["figures"]), "light": c["light"]} for c in figures.children
        ],
        "sections": sections,
    }


def content_for(region, period: Period) -> tuple[dict, Briefing | None]:
    """The briefing to show: the latest published version, else a preview numbered as the
    next issue."""
    briefing = latest_briefing(region, period)
    if briefing is not None:
        return briefing.content, briefing
    from django.db.models import Max

    top = Briefing.objects.filter(region=region, year=period.year).aggregate(n=Max("issue"))["n"]
    return build_content(region, period, issue=(top or 0) + 1), None
