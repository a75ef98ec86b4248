"""The permission matrix: the one table of who gets what from every route.

Each row: route name (with [argument] where one route takes a verb), HTTP method, targets,
then the expected status for each persona, in this column order:

    admin  dispatcher  county_admin  secretary  leader  department  viewer  anonymous
    (world.admin, .dispatcher of 通化市, .county_admin of 东昌区, .secretary of 东昌区,
    .leader of 通化市, .officer of 东昌区发改局, .viewer of 通化市, nobody signed in)

Targets say which object the URL names (matrix_world.py builds them); one letter is one
cell per persona, several letters are several cells with the same expectation, "-" is a
route without an object:

    A  a project in 东昌区 assigned to the secretary and the leader (its problem to the
       department's unit), B  a project in 东昌区 assigned to nobody, S  one in the sibling
       county 辉南县, C  one at 通化市 itself (the parent region), F  one in another city
    O S C F P  regions 东昌区, 辉南县, 通化市, 白山市, 吉林省 (and what belongs to them)
    U  a letter to the department's unit;  periods: C 通化市, F 白山市; snapshots: also O;
    import jobs: O the county administrator's, C the dispatcher's, F someone else's;
    bulk letter runs: C the dispatcher's, F another city's dispatcher's

So for the county personas (county_admin, secretary, department) A/B/O are their own
region, S the sibling, C/P the parent, F elsewhere; for the city personas (dispatcher,
leader, viewer) A/B/O/S/C are their own region, F the sibling city and P the parent.

Reads are GET; writes send an empty body, so an allowed persona gets 400 (API) or the form
again with its errors (200, pages) and never a change, while the others are refused before
validation (403, or 404 when the object is out of their scope). Pages send anonymous
visitors to the login page (302); the API answers them 401. Run with
SAIMA_MATRIX_RECORD=/tmp/table.txt to write the observed table for review.
"""

from dataclasses import dataclass
from pathlib import Path

ROLES = (
    "admin",
    "dispatcher",
    "county_admin",
    "secretary",
    "leader",
    "department",
    "viewer",
    "anonymous",
)


def _pk(obj):
    return {"pk": obj.pk}


def _project(obj):
    return {"pk": obj.project_id}


def _sub(key):
    return lambda obj: {"pk": obj.project_id, key: obj.pk}


def _code(obj):
    return {"code": obj.code}


def _filing_pair(obj):
    return {"period_pk": obj.period_id, "project_pk": obj.project_id}


def _event_project(obj):
    return {"pk": obj.pk, "project_pk": obj.projects.get().pk}


def _attachment(obj):
    return {"pk": obj.problem_id, "attachment_pk": obj.pk}


def _api_attachment(obj):
    return {"pk": obj.problem_id, "attachment_id": obj.pk}


def _photo(obj):
    return {"pk": obj.pk}


# route -> (the world's dict of targets, or None; how the URL's arguments come from one)
ROUTE_ARGS = {
    "home": (None, None),
    "overview": (None, None),
    "login": (None, None),
    "logout": (None, None),
    "region_overview": ("regions", _code),
    "project_list": (None, None),
    "project_create": (None, None),
    "project_detail": ("projects", _pk),
    "project_edit": ("projects", _pk),
    "project_stage": ("projects", _pk),
    "plan_create": ("projects", _pk),
    "plan_edit": ("plans", _sub("plan_pk")),
    "reserve_create": ("projects", _pk),
    "reserve_pool": (None, None),
    "reserve_edit": ("reserves", lambda obj: {"entry_pk": obj.pk}),
    "target_list": (None, None),
    "target_set": (None, None),
    "my_problems": (None, None),
    "problem_board": ("regions", _code),
    "problem_ladder": ("regions", _code),
    "problem_ladder_inherit": ("regions", _code),
    "problem_raise_pick": (None, None),
    "problem_raise": ("projects", lambda obj: {"project_pk": obj.pk}),
    "problem_detail": ("problems", _pk),
    "problem_act": ("problems", _pk),
    "problem_attach": ("problems", _pk),
    "problem_attachment": ("attachments", _attachment),
    "letter_list": (None, None),
    "letter_issue": (None, None),
    "letter_bulk": (None, None),
    "letter_detail": ("letters", _pk),
    "letter_download": ("letters", _pk),
    "letter_reply": ("letters", _pk),
    "inbox": (None, None),
    "inbox_read_all": (None, None),
    "ledger_import": (None, None),
    "ledger_job": ("import_jobs", _pk),
    "ledger_job_mapping": ("import_jobs", _pk),
    "ledger_job_confirm": ("import_jobs", _pk),
    "ledger_export": (None, None),
    "wall_home": (None, None),
    "wall_chart": ("regions", _code),
    "project_schedule": ("projects", _pk),
    "project_add_required": ("projects", _pk),
    "approval_create": ("projects", _pk),
    "approval_edit": ("approvals", _sub("item_pk")),
    "milestone_create": ("projects", _pk),
    "milestone_edit": ("milestones", _sub("item_pk")),
    "event_home": (None, None),
    "event_list": ("regions", _code),
    "event_detail": ("events", _pk),
    "event_remove_project": ("events", _event_project),
    "campaign_list": ("regions", _code),
    "campaign_detail": ("campaigns", _pk),
    "dispatch:my_filings": (None, None),
    "dispatch:filing_form": ("filings", _filing_pair),
    "dispatch:filing_detail": ("filings", _pk),
    "dispatch:filing_review": ("filings", _pk),
    "dispatch:filing_correct": ("filings", _pk),
    "dispatch:review_queue": (None, None),
    "dispatch:period_list": (None, None),
    "dispatch:period_detail": ("periods", _pk),
    "dispatch:period_state": ("periods", _pk),
    "dispatch:missing_correct": ("filings", _filing_pair),
    "dispatch:photo": ("photos", _photo),
    "dispatch:photo_delete": ("photos", _photo),
    "dispatch:region_pace": ("regions", _code),
    "admin:index": (None, None),
    "admin:problems_problem_changelist": (None, None),
    "openapi": (None, None),
    "api_regions": (None, None),
    "api_region": ("regions", _code),
    "api_region_departments": ("regions", _code),
    "api_projects": (None, None),
    "api_project": ("projects", _pk),
    "api_project_history": ("projects", _pk),
    "api_project_stages": ("projects", _pk),
    "api_plans": (None, None),
    "api_plan": ("plans", _pk),
    "api_targets": (None, None),
    "api_target": ("targets", _pk),
    "api_reserves": (None, None),
    "api_reserve": ("reserves", _pk),
    "api_figures": (None, None),
    "approval-figures": (None, None),
    "approval-type-list": (None, None),
    "approval-type-detail": ("approvals", lambda obj: {"pk": obj.approval_type_id}),
    "approval-list": (None, None),
    "approval-detail": ("approvals", _pk),
    "milestone-list": (None, None),
    "milestone-detail": ("milestones", _pk),
    "groundbreaking-list": (None, None),
    "groundbreaking-detail": ("events", _pk),
    "groundbreaking-add-projects": ("events", _pk),
    "groundbreaking-remove-projects": ("events", _pk),
    "campaign-list": (None, None),
    "campaign-detail": ("campaigns", _pk),
    "api-problem-list": (None, None),
    "api-problem-detail": ("problems", _pk),
    "api-problem-act": ("problems", _pk),
    "api-problem-attach": ("problems", _pk),
    "api-problem-attachment": ("attachments", _api_attachment),
    "api-problem-category-list": (None, None),
    "api-problem-ladder": ("regions", _code),
    "api-problem-category-detail": ("problems", lambda obj: {"pk": obj.category_id}),
    "api-letter-list": (None, None),
    "api-letter-bulk": (None, None),
    "api-letter-bulk-run": ("bulk_runs", lambda run: {"run": run.pk}),
    "api-letter-detail": ("letters", _pk),
    "api-letter-download": ("letters", _pk),
    "api-letter-reply": ("letters", _pk),
    "api-filing-photo": ("photos", _photo),
    "api-pace": (None, None),
    "api-filing-figures": (None, None),
    "api-period-list": (None, None),
    "api-period-rhythm": (None, None),
    "api-period-detail": ("periods", _pk),
    "api-period-close": ("periods", _pk),
    "api-period-open": ("periods", _pk),
    "api-filing-list": (None, None),
    "api-filing-corrections": (None, None),
    "api-filing-detail": ("filings", _pk),
    "api-filing-accept": ("filings", _pk),
    "api-filing-correct": ("filings", _pk),
    "api-filing-photos": ("filings", _pk),
    "api-filing-return-": ("filings", _pk),
    "api-filing-submit": ("filings", _pk),
    "api-snapshot-list": (None, None),
    "api-snapshot-detail": ("snapshots", _pk),
}
ROUTE_ARGS.update(
    {
        "ranking:index": (None, None),
        "ranking:dashboard": ("regions", _code),
        "ranking:dashboard_csv": ("regions", _code),
        "ranking:ranking": ("regions", _code),
        "ranking:publish_ranking": ("regions", _code),
        "ranking:schemes": ("regions", _code),
        "ranking:scheme_create": ("regions", _code),
        "ranking:scheme_edit": ("schemes", lambda obj: {"code": obj.region_id, "pk": obj.pk}),
        "ranking:briefing": ("regions", _code),
        "ranking:briefing_docx": ("regions", _code),
        "ranking:publish_briefing": ("regions", _code),
        "ranking:templates": ("regions", _code),
        "api_scheme_list": (None, None),
        "api_scheme_detail": ("schemes", _pk),
        "api_scheme_revise": ("schemes", _pk),
        # Region-wide API reads and writes name the region in the query (or body): QUERY.
        "api_ranking": ("regions", None),
        "api_ranking_publish": ("regions", None),
        "api_briefing": ("regions", None),
        "api_briefing_publish": ("regions", None),
        "api_briefing_docx": ("regions", None),
        "api_figures": ("regions", None),
        "approval-figures": ("regions", None),
        "api-pace": ("regions", None),
        "api-filing-figures": ("regions", None),
    }
)


def _region_year(obj, w):
    from django.utils import timezone

    today = timezone.localdate()
    return {"region": obj.code, "year": today.year, "as_of": today.isoformat()}


def _region_month(obj, w):
    from django.utils import timezone

    return {"region": obj.code, "period": f"{timezone.localdate():%Y-%m}"}


# route -> the query string (reads) or body (writes) made from the target (and the world)
QUERY = {
    "api_ranking": _region_month,
    "api_ranking_publish": _region_month,
    "api_briefing": _region_month,
    "api_briefing_publish": _region_month,
    "api_briefing_docx": _region_month,
    "api_figures": _region_year,
    "approval-figures": _region_year,
    "api-pace": lambda obj, w: {"region": obj.code},
    # the period of the target's city (白山市's for F and 吉林省, else 通化市's)
    "api-filing-figures": lambda obj, w: {
        "region": obj.code,
        "period": w.periods["F" if obj.code[:4] in ("2206", "2200") else "C"].pk,
    },
}

# Verbs that are part of the route (problem_act[start] → action="start").
VERB_ARG = {"problem_act": "action", "api-problem-act": "name", "ranking:dashboard_csv": "chart"}

# The table itself is data: one row per route, method and target, one column per role.
MATRIX = (Path(__file__).parent / "permission_matrix.txt").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Row:
    route: str
    verb: str
    method: str
    targets: str
    expected: tuple


@dataclass(frozen=True)
class Cell:
    route: str
    verb: str
    method: str
    target: str
    role: str
    expected: int | None
    api: bool = False

    @property
    def key(self):
        return (self.route, self.verb, self.method, self.target, self.role)

    @property
    def id(self):
        verb = f"[{self.verb}]" if self.verb else ""
        return f"{self.route}{verb} {self.method} {self.target} {self.role}"

    def kwargs(self, obj):
        make = ROUTE_ARGS[self.route][1]
        kwargs = make(obj) if make else {}
        if self.verb:
            kwargs[VERB_ARG[self.route]] = self.verb
        return kwargs or None


def rows(table: str) -> list[Row]:
    out = []
    for line in table.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        route, method, targets, *codes = line.split()
        verb = ""
        if route.endswith("]"):
            route, verb = route[:-1].split("[")
        if len(codes) != len(ROLES):
            raise ValueError(f"permission matrix row needs {len(ROLES)} outcomes: {line!r}")
        expected = tuple(None if c == "?" else int(c) for c in codes)
        out.append(Row(route, verb, method, targets, expected))
    return out


def cells(table: str, api_routes=frozenset()) -> list[Cell]:
    return [
        Cell(row.route, row.verb, row.method, target, role, code, row.route in api_routes)
        for row in rows(table)
        for target in (row.targets if row.targets != "-" else "-")
        for role, code in zip(ROLES, row.expected, strict=True)
    ]


def format_table(table: str, observed: dict) -> str:
    """The table again with observed outcomes; targets with equal outcomes share a row."""
    lines = []
    for row in rows(table):
        groups: list[tuple[str, tuple]] = []
        for target in row.targets if row.targets != "-" else "-":
            codes = tuple(
                observed.get((row.route, row.verb, row.method, target, role), "?") for role in ROLES
            )
            if groups and groups[-1][1] == codes:
                groups[-1] = (groups[-1][0] + target, codes)
            else:
                groups.append((target, codes))
        route = f"{row.route}[{row.verb}]" if row.verb else row.route
        for targets, codes in groups:
            outcome = " ".join(str(c).ljust(4) for c in codes).rstrip()
            lines.append(f"{route:34} {row.method:6} {targets:6}  {outcome}")
    return "\n".join(lines) + "\n"
