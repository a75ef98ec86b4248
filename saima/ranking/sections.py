"""The briefing's sections after the overview: progress by region, major projects with their
latest filing, problems and their resolution, next steps. Each returns plain data
(paragraphs and tables of text) for `briefing.build_content`, which a published briefing
freezes."""

from datetime import date

from django.utils.translation import gettext as _

from saima.dispatch.choices import COUNTED_STATES
from saima.dispatch.models import Filing
from saima.figures import lights
from saima.figures.indicators import POINTS, display, short
from saima.figures.pace import project_cumulative
from saima.figures.problems import overdue_problems
from saima.projects.models import AnnualPlan

from .sentences import Writer, yi_text

MAJOR_PROJECTS = 10
PROBLEM_COLUMNS = ("raised", "resolved", "resolved_on_time", "on_time_rate", "overdue")


def children_table(children: list[dict]) -> dict:
    columns = [
        _("地区"),
        _("计划项目（个）"),
        _("已开复工（个）"),
        _("开复工率"),
        _("投资完成率"),
        _("较序时进度（个百分点）"),
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
                display(f.get("completion_rate")),
                display(f.get("ahead_points"), POINTS),
                *(display(stages.get(s)) for s in ("谋划", "签约", "落地", "开工")),
                str(lights.LABELS.get(child["light"], "—")),
            ]
        )
    return {"columns": columns, "rows": rows}


def latest_filings(project_ids, year: int, as_of: date) -> dict[int, Filing]:
    """Each project's latest counted filing of the year in a period ended by `as_of`."""
    rows = (
        Filing.objects.filter(
            project_id__in=project_ids,
            state__in=COUNTED_STATES,
            period__year=year,
            period__end__lte=as_of,
        )
        .select_related("period")
        .order_by("project_id", "-period__end")
    )
    latest = {}
    for filing in rows:
        latest.setdefault(filing.project_id, filing)
    return latest


def major_projects(region, year: int, as_of: date) -> dict:
    """The largest projects on the year's plan with their latest 形象进度 and their completed
    investment this year (saima.figures.pace.project_cumulative)."""
    plans = list(
        AnnualPlan.objects.filter(year=year, project__region__code__startswith=region.prefix)
        .select_related("project__region")
        .order_by("-project__total_investment_wan", "project__name")[:MAJOR_PROJECTS]
    )
    filings = latest_filings([p.project_id for p in plans], year, as_of)
    rows = []
    for p in plans:
        filing = filings.get(p.project_id)
        rows.append(
            [
                p.project.name,
                p.project.region.name,
                yi_text(p.project.total_investment_wan),
                yi_text(p.annual_plan_wan),
                yi_text(project_cumulative(p.project, year, as_of)),
                p.project.stage or "—",
                filing.progress.strip() or "—" if filing else _("本年未填报"),
            ]
        )
    return {
        "columns": [
            _("项目名称"),
            _("地区"),
            _("总投资（亿元）"),
            _("年度计划（亿元）"),
            _("本年累计完成（亿元）"),
            _("当前阶段"),
            _("形象进度"),
        ],
        "rows": rows,
    }


def major_projects_section(region, year: int, as_of: date, as_of_label: str) -> dict:
    majors = major_projects(region, year, as_of)
    if not majors["rows"]:
        return {"paragraphs": [_("本年度尚无计划项目。")], "tables": []}
    text = _(
        "按总投资排列的前%(n)s个计划项目如下，形象进度为截至%(as_of)s最近一期填报，"
        "累计完成投资为本年已提交填报之和。"
    ) % {"n": len(majors["rows"]), "as_of": as_of_label}
    return {"paragraphs": [text], "tables": [{"title": "", **majors}]}


def _problem_cells(row: dict) -> list[str]:
    return [
        str(row["label"]),
        str(row["raised"]),
        str(row["resolved"]),
        str(row["resolved_on_time"]),
        display(row["on_time_rate"]),
        str(row["overdue"]),
    ]


def problem_table(rows: list[dict], first: str) -> dict:
    return {
        "columns": [
            first,
            _("受理（个）"),
            _("已办结（个）"),
            _("按期办结（个）"),
            _("按期办结率"),
            _("超期未办结（个）"),
        ],
        "rows": [_problem_cells(r) for r in rows],
    }


def level_label(level: int) -> str:
    return _("第%(n)s级") % {"n": level}


def overdue_table(region, year: int, as_of: date) -> dict:
    problems = overdue_problems(region, date(year, 1, 1), as_of, as_of)
    return {
        "title": _("超期未办结问题"),
        "columns": [_("项目"), _("地区"), _("类别"), _("问题"), _("级别"), _("办理期限")],
        "rows": [
            [
                p.project.name,
                p.project.region.name,
                p.category.name,
                p.description[:60],
                level_label(p.level),
                p.deadline.isoformat(),
            ]
            for p in problems
        ],
    }


def problems_section(writer: Writer, region, figures: dict, as_of: date) -> dict:
    sentence = writer.problems(figures)
    if sentence is None:
        return {"paragraphs": [_("本期无问题办理统计数据。")], "tables": []}
    tables = []
    levels = figures.get("problem_levels") or []
    if levels:
        tables.append({"title": _("按级别"), **problem_table(levels, _("级别"))})
    categories = figures.get("problem_categories") or []
    if categories:
        tables.append({"title": _("按类别"), **problem_table(categories, _("类别"))})
    overdue = overdue_table(region, figures["year"], as_of)
    if overdue["rows"]:
        tables.append(overdue)
    return {"paragraphs": [sentence], "tables": tables}


def _behind(ahead) -> bool:
    """Behind time progress by at least what shows as 0.1 point."""
    return ahead is not None and ahead < 0 and short(-ahead) != "0"


def _with_gaps(children: list[dict]) -> str:
    """ "辉南县（低于6.8个百分点）、…": each region with how far it is behind time progress."""
    names = []
    for c in children:
        ahead = c["figures"].get("ahead_points")
        name = c["figures"]["region_name"]
        names.append(
            _("%(name)s（低于%(gap)s个百分点）") % {"name": name, "gap": short(-ahead)}
            if _behind(ahead)
            else name
        )
    return "、".join(names)


def next_steps(figures) -> list[str]:
    """Regions behind time progress come from their lights, which compare 投资完成率 with
    time progress (saima.figures.lights); with no sub-regions, the region itself."""
    now = figures.now
    paragraphs = []
    lagging = [c for c in figures.children if c["light"] == lights.RED]
    behind = [c for c in figures.children if c["light"] == lights.YELLOW]
    if lagging:
        paragraphs.append(
            _(
                "%(names)s投资完成率落后于序时进度较多（红灯），发提示函督促，逐个项目查找原因、限时整改。"
            )
            % {"names": _with_gaps(lagging)}
        )
    if behind:
        paragraphs.append(
            _("%(names)s投资完成率略低于序时进度（黄灯），要加密调度频次，加快投资完成进度。")
            % {"names": _with_gaps(behind)}
        )
    if not figures.children and _behind(now.get("ahead_points")):
        paragraphs.append(
            _("投资完成率低于序时进度%(gap)s个百分点，要逐个项目查找原因，加快投资完成进度。")
            % {"gap": short(-now["ahead_points"])}
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
    if now.get("problems_overdue"):
        paragraphs.append(
            _("对%(n)s个超期未办结问题，按三级会商机制提级调度，限期解决。")
            % {"n": now["problems_overdue"]}
        )
    paragraphs.append(_("继续坚持月调度、季晾晒、年评比，按期填报、按期通报。"))
    return paragraphs
