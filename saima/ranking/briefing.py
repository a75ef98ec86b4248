"""The monthly briefing's content: one JSON-safe structure (sections, paragraphs, tables,
chart data) from which the web page and the .docx are both rendered. A published briefing
stores it, so regenerating a closed period gives the same document; the dashboard reads the
same figures."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from saima.accounts.access import can
from saima.figures import lights, snapshots
from saima.figures.headline import as_json, from_json, from_snapshot, headline
from saima.figures.indicators import prefetch, shared_figures
from saima.regions.models import Region

from .models import Briefing
from .periods import WEEK, Period
from .scoring import ranking_for, row_cells
from .sections import children_table, major_projects_section, next_steps, problems_section
from .sentences import Writer, templates_for

NUMERALS = "一二三四五六七八九十"


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
    """A period's frozen figures: its published briefing's, else the current period
    snapshot (saima.figures.snapshots) of the dispatch period ending on the same day; None
    when neither exists (a figure missing from a snapshot reads as unknown)."""
    briefing = latest_briefing(region, period)
    if briefing is not None:
        return from_json(briefing.content["figures"])
    snap = period_snapshot(region, period)
    return from_snapshot(snapshots.decode(snap.figures)) if snap is not None else None


def period_snapshot(region, period: Period):
    from saima.dispatch.models import PeriodSnapshot

    return (
        PeriodSnapshot.objects.filter(region=region, is_current=True, period__end=period.end)
        .order_by("-period__region_id")
        .first()
    )


def live_children(region, period: Period) -> list[dict]:
    rows = []
    children = list(Region.objects.filter(parent=region).order_by("code"))
    prefetch(children, period.year, period.end)
    for child in children:
        figures = headline(child, period.year, period.end, period.basis)
        rows.append({"figures": figures, "light": lights.figures_light(figures)})
    return rows


def figures_for(region, period: Period, frozen: bool = True) -> Figures:
    """What every output shows for a region and period: the published briefing's frozen
    figures if there is one, else the figures now. Last year comes only from frozen figures
    (the published briefing of the same period last year, else that period's snapshot);
    unknown → None."""
    last = frozen_figures(region, period.same_last_year())
    briefing = latest_briefing(region, period) if frozen else None
    if briefing is not None:
        content = briefing.content
        children = [
            {"figures": from_json(c["figures"]), "light": c["light"]} for c in content["children"]
        ]
        return Figures(from_json(content["figures"]), last, children, True)
    now = headline(region, period.year, period.end, period.basis, detail=True)
    return Figures(now, last, live_children(region, period), False)


def _has_pace(figures: dict) -> bool:
    months = figures.get("pace_months") or []
    return any(m["completion_rate"] is not None for m in months)


def _heading(n: int, text: str) -> str:
    return f"{NUMERALS[n - 1]}、{text}"


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
    majors = major_projects_section(region, period.year, period.end, as_of_label(period))
    problems = problems_section(writer, region, now, period.end)
    sections = [
        {
            "heading": _heading(1, _("总体情况")),
            "paragraphs": overview_paragraphs(writer, figures, period),
            "tables": [],
            "chart": ["pace", "stages"] if _has_pace(now) else "stages",
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
            **majors,
            "chart": "",
        },
        {
            "heading": _heading(5, _("问题及解决情况")),
            **problems,
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


def content_for(region, period: Period, user=None) -> tuple[dict | None, Briefing | None]:
    """The briefing to show: the latest published version, else a preview numbered as the
    next issue. A preview lists the region's projects and problems as they stand, so only
    those who read the region's whole ledger see it; for others it is (None, None) until the
    briefing is published (a published briefing is the region's document). No user: the
    command line, which sees everything."""
    briefing = latest_briefing(region, period)
    if briefing is not None:
        return briefing.content, briefing
    if user is not None and not can(user, "view", region=region):
        return None, None
    from django.db.models import Max

    top = Briefing.objects.filter(region=region, year=period.year).aggregate(n=Max("issue"))["n"]
    return build_content(region, period, issue=(top or 0) + 1), None
