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
    import jobs: O the county administrator's, C the dispatcher's, F someone else's

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
    "api-problem-category-detail": ("problems", lambda obj: {"pk": obj.category_id}),
    "api-letter-list": (None, None),
    "api-letter-bulk": (None, None),
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
# Verbs that are part of the route (problem_act[start] → action="start").
VERB_ARG = {"problem_act": "action", "api-problem-act": "name"}

MATRIX = """
# route                            method target  admin disp cadm sec lead dept view anon
home                               GET    -       ? ? ? ? ? ? ? ?
login                              GET    -       ? ? ? ? ? ? ? ?
logout                             POST   -       ? ? ? ? ? ? ? ?
region_overview                    GET    OSCFP   ? ? ? ? ? ? ? ?
project_list                       GET    -       ? ? ? ? ? ? ? ?
project_create                     GET    -       ? ? ? ? ? ? ? ?
project_create                     POST   -       ? ? ? ? ? ? ? ?
project_detail                     GET    ABSCF   ? ? ? ? ? ? ? ?
project_edit                       GET    ABSCF   ? ? ? ? ? ? ? ?
project_edit                       POST   ABSCF   ? ? ? ? ? ? ? ?
project_stage                      GET    ABSCF   ? ? ? ? ? ? ? ?
project_stage                      POST   ABSCF   ? ? ? ? ? ? ? ?
plan_create                        GET    ABSCF   ? ? ? ? ? ? ? ?
plan_create                        POST   ABSCF   ? ? ? ? ? ? ? ?
plan_edit                          GET    ABSCF   ? ? ? ? ? ? ? ?
plan_edit                          POST   ABSCF   ? ? ? ? ? ? ? ?
reserve_create                     GET    ABSCF   ? ? ? ? ? ? ? ?
reserve_create                     POST   ABSCF   ? ? ? ? ? ? ? ?
reserve_pool                       GET    -       ? ? ? ? ? ? ? ?
reserve_edit                       GET    ABSCF   ? ? ? ? ? ? ? ?
reserve_edit                       POST   ABSCF   ? ? ? ? ? ? ? ?
target_list                        GET    -       ? ? ? ? ? ? ? ?
target_set                         GET    -       ? ? ? ? ? ? ? ?
target_set                         POST   -       ? ? ? ? ? ? ? ?
my_problems                        GET    -       ? ? ? ? ? ? ? ?
problem_board                      GET    OSCFP   ? ? ? ? ? ? ? ?
problem_raise_pick                 GET    -       ? ? ? ? ? ? ? ?
problem_raise                      GET    ABSCF   ? ? ? ? ? ? ? ?
problem_raise                      POST   ABSCF   ? ? ? ? ? ? ? ?
problem_detail                     GET    ABSCF   ? ? ? ? ? ? ? ?
problem_act[start]                 POST   ABSCF   ? ? ? ? ? ? ? ?
problem_act[assign]                POST   ABSCF   ? ? ? ? ? ? ? ?
problem_act[escalate]              POST   ABSCF   ? ? ? ? ? ? ? ?
problem_act[confirm]               POST   ABSCF   ? ? ? ? ? ? ? ?
problem_attach                     POST   ABSCF   ? ? ? ? ? ? ? ?
problem_attachment                 GET    ABSCF   ? ? ? ? ? ? ? ?
letter_list                        GET    -       ? ? ? ? ? ? ? ?
letter_issue                       POST   -       ? ? ? ? ? ? ? ?
letter_bulk                        POST   -       ? ? ? ? ? ? ? ?
letter_detail                      GET    OSUF    ? ? ? ? ? ? ? ?
letter_download                    GET    OSUF    ? ? ? ? ? ? ? ?
letter_reply                       POST   OSUF    ? ? ? ? ? ? ? ?
inbox                              GET    -       ? ? ? ? ? ? ? ?
inbox                              POST   -       ? ? ? ? ? ? ? ?
inbox_read_all                     POST   -       ? ? ? ? ? ? ? ?
ledger_import                      GET    -       ? ? ? ? ? ? ? ?
ledger_import                      POST   -       ? ? ? ? ? ? ? ?
ledger_job                         GET    OCF     ? ? ? ? ? ? ? ?
ledger_job_mapping                 POST   OCF     ? ? ? ? ? ? ? ?
ledger_job_confirm                 POST   OCF     ? ? ? ? ? ? ? ?
ledger_export                      GET    -       ? ? ? ? ? ? ? ?
wall_home                          GET    -       ? ? ? ? ? ? ? ?
wall_chart                         GET    OSCFP   ? ? ? ? ? ? ? ?
project_schedule                   GET    ABSCF   ? ? ? ? ? ? ? ?
project_add_required               POST   ABSCF   ? ? ? ? ? ? ? ?
approval_create                    GET    ABSCF   ? ? ? ? ? ? ? ?
approval_create                    POST   ABSCF   ? ? ? ? ? ? ? ?
approval_edit                      GET    ABSCF   ? ? ? ? ? ? ? ?
approval_edit                      POST   ABSCF   ? ? ? ? ? ? ? ?
milestone_create                   GET    ABSCF   ? ? ? ? ? ? ? ?
milestone_create                   POST   ABSCF   ? ? ? ? ? ? ? ?
milestone_edit                     GET    ABSCF   ? ? ? ? ? ? ? ?
milestone_edit                     POST   ABSCF   ? ? ? ? ? ? ? ?
event_home                         GET    -       ? ? ? ? ? ? ? ?
event_list                         GET    OSCFP   ? ? ? ? ? ? ? ?
event_list                         POST   OSCFP   ? ? ? ? ? ? ? ?
event_detail                       GET    OSCF    ? ? ? ? ? ? ? ?
event_detail                       POST   OSCF    ? ? ? ? ? ? ? ?
event_remove_project               POST   OSCF    ? ? ? ? ? ? ? ?
campaign_list                      GET    OSCFP   ? ? ? ? ? ? ? ?
campaign_list                      POST   OSCFP   ? ? ? ? ? ? ? ?
campaign_detail                    GET    OSCF    ? ? ? ? ? ? ? ?
campaign_detail                    POST   OSCF    ? ? ? ? ? ? ? ?
dispatch:my_filings                GET    -       ? ? ? ? ? ? ? ?
dispatch:filing_form               GET    ABSCF   ? ? ? ? ? ? ? ?
dispatch:filing_form               POST   ABSCF   ? ? ? ? ? ? ? ?
dispatch:filing_detail             GET    ABSCF   ? ? ? ? ? ? ? ?
dispatch:filing_review             POST   ABSCF   ? ? ? ? ? ? ? ?
dispatch:filing_correct            GET    ABSCF   ? ? ? ? ? ? ? ?
dispatch:filing_correct            POST   ABSCF   ? ? ? ? ? ? ? ?
dispatch:review_queue              GET    -       ? ? ? ? ? ? ? ?
dispatch:period_list               GET    -       ? ? ? ? ? ? ? ?
dispatch:period_list               POST   -       ? ? ? ? ? ? ? ?
dispatch:period_detail             GET    CF      ? ? ? ? ? ? ? ?
dispatch:period_state              POST   CF      ? ? ? ? ? ? ? ?
dispatch:missing_correct           GET    ABSCF   ? ? ? ? ? ? ? ?
dispatch:missing_correct           POST   ABSCF   ? ? ? ? ? ? ? ?
dispatch:photo                     GET    ABSCF   ? ? ? ? ? ? ? ?
dispatch:photo_delete              POST   ABSCF   ? ? ? ? ? ? ? ?
dispatch:region_pace               GET    OSCFP   ? ? ? ? ? ? ? ?
admin:index                        GET    -       ? ? ? ? ? ? ? ?
admin:problems_problem_changelist  GET    -       ? ? ? ? ? ? ? ?
openapi                            GET    -       ? ? ? ? ? ? ? ?
api_regions                        GET    -       ? ? ? ? ? ? ? ?
api_region                         GET    OSCFP   ? ? ? ? ? ? ? ?
api_region_departments             GET    OSCFP   ? ? ? ? ? ? ? ?
api_projects                       GET    -       ? ? ? ? ? ? ? ?
api_projects                       POST   -       ? ? ? ? ? ? ? ?
api_project                        GET    ABSCF   ? ? ? ? ? ? ? ?
api_project                        PATCH  ABSCF   ? ? ? ? ? ? ? ?
api_project                        DELETE ABSCF   ? ? ? ? ? ? ? ?
api_project_history                GET    ABSCF   ? ? ? ? ? ? ? ?
api_project_stages                 GET    ABSCF   ? ? ? ? ? ? ? ?
api_project_stages                 POST   ABSCF   ? ? ? ? ? ? ? ?
api_plans                          GET    -       ? ? ? ? ? ? ? ?
api_plans                          POST   -       ? ? ? ? ? ? ? ?
api_plan                           GET    ABSCF   ? ? ? ? ? ? ? ?
api_plan                           PATCH  ABSCF   ? ? ? ? ? ? ? ?
api_plan                           DELETE ABSCF   ? ? ? ? ? ? ? ?
api_targets                        GET    -       ? ? ? ? ? ? ? ?
api_targets                        POST   -       ? ? ? ? ? ? ? ?
api_target                         GET    OSCF    ? ? ? ? ? ? ? ?
api_target                         PATCH  OSCF    ? ? ? ? ? ? ? ?
api_target                         DELETE OSCF    ? ? ? ? ? ? ? ?
api_reserves                       GET    -       ? ? ? ? ? ? ? ?
api_reserves                       POST   -       ? ? ? ? ? ? ? ?
api_reserve                        GET    ABSCF   ? ? ? ? ? ? ? ?
api_reserve                        PATCH  ABSCF   ? ? ? ? ? ? ? ?
api_reserve                        DELETE ABSCF   ? ? ? ? ? ? ? ?
api_figures                        GET    -       ? ? ? ? ? ? ? ?
approval-figures                   GET    -       ? ? ? ? ? ? ? ?
approval-type-list                 GET    -       ? ? ? ? ? ? ? ?
approval-type-detail               GET    A       ? ? ? ? ? ? ? ?
approval-list                      GET    -       ? ? ? ? ? ? ? ?
approval-list                      POST   -       ? ? ? ? ? ? ? ?
approval-detail                    GET    ABSCF   ? ? ? ? ? ? ? ?
approval-detail                    PUT    ABSCF   ? ? ? ? ? ? ? ?
approval-detail                    PATCH  ABSCF   ? ? ? ? ? ? ? ?
approval-detail                    DELETE ABSCF   ? ? ? ? ? ? ? ?
milestone-list                     GET    -       ? ? ? ? ? ? ? ?
milestone-list                     POST   -       ? ? ? ? ? ? ? ?
milestone-detail                   GET    ABSCF   ? ? ? ? ? ? ? ?
milestone-detail                   PUT    ABSCF   ? ? ? ? ? ? ? ?
milestone-detail                   PATCH  ABSCF   ? ? ? ? ? ? ? ?
milestone-detail                   DELETE ABSCF   ? ? ? ? ? ? ? ?
groundbreaking-list                GET    -       ? ? ? ? ? ? ? ?
groundbreaking-list                POST   -       ? ? ? ? ? ? ? ?
groundbreaking-detail              GET    OSCF    ? ? ? ? ? ? ? ?
groundbreaking-detail              PUT    OSCF    ? ? ? ? ? ? ? ?
groundbreaking-detail              PATCH  OSCF    ? ? ? ? ? ? ? ?
groundbreaking-detail              DELETE OSCF    ? ? ? ? ? ? ? ?
groundbreaking-add-projects        POST   OSCF    ? ? ? ? ? ? ? ?
groundbreaking-remove-projects     POST   OSCF    ? ? ? ? ? ? ? ?
campaign-list                      GET    -       ? ? ? ? ? ? ? ?
campaign-list                      POST   -       ? ? ? ? ? ? ? ?
campaign-detail                    GET    OSCF    ? ? ? ? ? ? ? ?
campaign-detail                    PUT    OSCF    ? ? ? ? ? ? ? ?
campaign-detail                    PATCH  OSCF    ? ? ? ? ? ? ? ?
campaign-detail                    DELETE OSCF    ? ? ? ? ? ? ? ?
api-problem-list                   GET    -       ? ? ? ? ? ? ? ?
api-problem-list                   POST   -       ? ? ? ? ? ? ? ?
api-problem-detail                 GET    ABSCF   ? ? ? ? ? ? ? ?
api-problem-act[start]             POST   ABSCF   ? ? ? ? ? ? ? ?
api-problem-act[assign]            POST   ABSCF   ? ? ? ? ? ? ? ?
api-problem-act[escalate]          POST   ABSCF   ? ? ? ? ? ? ? ?
api-problem-act[confirm]           POST   ABSCF   ? ? ? ? ? ? ? ?
api-problem-attach                 POST   ABSCF   ? ? ? ? ? ? ? ?
api-problem-attachment             GET    ABSCF   ? ? ? ? ? ? ? ?
api-problem-category-list          GET    -       ? ? ? ? ? ? ? ?
api-problem-category-detail        GET    A       ? ? ? ? ? ? ? ?
api-letter-list                    GET    -       ? ? ? ? ? ? ? ?
api-letter-list                    POST   -       ? ? ? ? ? ? ? ?
api-letter-bulk                    POST   -       ? ? ? ? ? ? ? ?
api-letter-detail                  GET    OSUF    ? ? ? ? ? ? ? ?
api-letter-download                GET    OSUF    ? ? ? ? ? ? ? ?
api-letter-reply                   POST   OSUF    ? ? ? ? ? ? ? ?
api-filing-photo                   GET    ABSCF   ? ? ? ? ? ? ? ?
api-pace                           GET    -       ? ? ? ? ? ? ? ?
api-filing-figures                 GET    -       ? ? ? ? ? ? ? ?
api-period-list                    GET    -       ? ? ? ? ? ? ? ?
api-period-rhythm                  POST   -       ? ? ? ? ? ? ? ?
api-period-detail                  GET    CF      ? ? ? ? ? ? ? ?
api-period-close                   POST   CF      ? ? ? ? ? ? ? ?
api-period-open                    POST   CF      ? ? ? ? ? ? ? ?
api-filing-list                    GET    -       ? ? ? ? ? ? ? ?
api-filing-list                    POST   -       ? ? ? ? ? ? ? ?
api-filing-corrections             POST   -       ? ? ? ? ? ? ? ?
api-filing-detail                  GET    ABSCF   ? ? ? ? ? ? ? ?
api-filing-detail                  PATCH  ABSCF   ? ? ? ? ? ? ? ?
api-filing-accept                  POST   ABSCF   ? ? ? ? ? ? ? ?
api-filing-correct                 POST   ABSCF   ? ? ? ? ? ? ? ?
api-filing-photos                  POST   ABSCF   ? ? ? ? ? ? ? ?
api-filing-return-                 POST   ABSCF   ? ? ? ? ? ? ? ?
api-filing-submit                  POST   ABSCF   ? ? ? ? ? ? ? ?
api-snapshot-list                  GET    -       ? ? ? ? ? ? ? ?
api-snapshot-detail                GET    OCF      ? ? ? ? ? ? ? ?
"""


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
                observed.get((row.route, row.verb, row.method, target, role), "?")
                for role in ROLES
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
