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

MATRIX = """
# route                            method target  admin disp cadm sec lead dept view anon
home                               GET    -       302  302  302  302  302  302  302  302
login                              GET    -       200  200  200  200  200  200  200  200
logout                             POST   -       302  302  302  302  302  302  302  302
region_overview                    GET    O       200  200  200  200  200  200  200  302
region_overview                    GET    SC      200  200  404  404  200  404  200  302
region_overview                    GET    FP      200  404  404  404  404  404  404  302
project_list                       GET    -       200  200  200  200  200  200  200  302
project_create                     GET    -       200  200  200  403  403  403  403  302
project_create                     POST   -       200  200  200  403  403  403  403  302
project_detail                     GET    AB      200  200  200  200  200  200  200  302
project_detail                     GET    SC      200  200  404  404  200  404  200  302
project_detail                     GET    F       200  404  404  404  404  404  404  302
project_edit                       GET    AB      200  200  200  403  403  403  403  302
project_edit                       GET    SC      200  200  404  404  403  404  403  302
project_edit                       GET    F       200  404  404  404  404  404  404  302
project_edit                       POST   AB      200  200  200  403  403  403  403  302
project_edit                       POST   SC      200  200  404  404  403  404  403  302
project_edit                       POST   F       200  404  404  404  404  404  404  302
project_stage                      GET    A       200  200  200  200  403  403  403  302
project_stage                      GET    B       200  200  200  403  403  403  403  302
project_stage                      GET    SC      200  200  404  404  403  404  403  302
project_stage                      GET    F       200  404  404  404  404  404  404  302
project_stage                      POST   A       200  200  200  200  403  403  403  302
project_stage                      POST   B       200  200  200  403  403  403  403  302
project_stage                      POST   SC      200  200  404  404  403  404  403  302
project_stage                      POST   F       200  404  404  404  404  404  404  302
plan_create                        GET    AB      200  200  200  403  403  403  403  302
plan_create                        GET    SC      200  200  404  404  403  404  403  302
plan_create                        GET    F       200  404  404  404  404  404  404  302
plan_create                        POST   AB      200  200  200  403  403  403  403  302
plan_create                        POST   SC      200  200  404  404  403  404  403  302
plan_create                        POST   F       200  404  404  404  404  404  404  302
plan_edit                          GET    AB      200  200  200  403  403  403  403  302
plan_edit                          GET    SC      200  200  404  404  403  404  403  302
plan_edit                          GET    F       200  404  404  404  404  404  404  302
plan_edit                          POST   AB      200  200  200  403  403  403  403  302
plan_edit                          POST   SC      200  200  404  404  403  404  403  302
plan_edit                          POST   F       200  404  404  404  404  404  404  302
reserve_create                     GET    AB      200  200  200  403  403  403  403  302
reserve_create                     GET    SC      200  200  404  404  403  404  403  302
reserve_create                     GET    F       200  404  404  404  404  404  404  302
reserve_create                     POST   AB      200  200  200  403  403  403  403  302
reserve_create                     POST   SC      200  200  404  404  403  404  403  302
reserve_create                     POST   F       200  404  404  404  404  404  404  302
reserve_pool                       GET    -       200  200  200  200  200  200  200  302
reserve_edit                       GET    AB      200  200  200  403  403  403  403  302
reserve_edit                       GET    SC      200  200  404  404  403  404  403  302
reserve_edit                       GET    F       200  404  404  404  404  404  404  302
reserve_edit                       POST   AB      200  200  200  403  403  403  403  302
reserve_edit                       POST   SC      200  200  404  404  403  404  403  302
reserve_edit                       POST   F       200  404  404  404  404  404  404  302
target_list                        GET    -       200  200  200  200  200  200  200  302
target_set                         GET    -       200  200  403  403  403  403  403  302
target_set                         POST   -       200  200  403  403  403  403  403  302
my_problems                        GET    -       200  200  200  200  200  200  200  302
problem_board                      GET    O       200  200  200  200  200  200  200  302
problem_board                      GET    SC      200  200  404  404  200  404  200  302
problem_board                      GET    FP      200  404  404  404  404  404  404  302
problem_raise_pick                 GET    -       302  302  302  302  302  302  302  302
problem_raise                      GET    A       200  200  200  200  403  403  403  302
problem_raise                      GET    B       200  200  200  403  403  403  403  302
problem_raise                      GET    SC      200  200  404  404  403  404  403  302
problem_raise                      GET    F       200  404  404  404  404  404  404  302
problem_raise                      POST   A       200  200  200  200  403  403  403  302
problem_raise                      POST   B       200  200  200  403  403  403  403  302
problem_raise                      POST   SC      200  200  404  404  403  404  403  302
problem_raise                      POST   F       200  404  404  404  404  404  404  302
problem_detail                     GET    AB      200  200  200  200  200  200  200  302
problem_detail                     GET    SC      200  200  404  404  200  404  200  302
problem_detail                     GET    F       200  404  404  404  404  404  404  302
problem_act[start]                 POST   A       403  403  403  403  403  302  403  302
problem_act[start]                 POST   B       403  403  302  403  403  403  403  302
problem_act[start]                 POST   S       403  403  404  404  403  404  403  302
problem_act[start]                 POST   C       403  302  404  404  403  404  403  302
problem_act[start]                 POST   F       403  404  404  404  404  404  404  302
problem_act[assign]                POST   AB      302  302  302  403  403  403  403  302
problem_act[assign]                POST   SC      302  302  404  404  403  404  403  302
problem_act[assign]                POST   F       302  404  404  404  404  404  404  302
problem_act[escalate]              POST   A       302  302  302  302  403  302  403  302
problem_act[escalate]              POST   B       302  302  302  403  403  403  403  302
problem_act[escalate]              POST   SC      302  302  404  404  403  404  403  302
problem_act[escalate]              POST   F       302  404  404  404  404  404  404  302
problem_act[confirm]               POST   A       403  403  403  302  403  403  403  302
problem_act[confirm]               POST   B       403  403  302  403  403  403  403  302
problem_act[confirm]               POST   S       403  403  404  404  403  404  403  302
problem_act[confirm]               POST   C       403  302  404  404  403  404  403  302
problem_act[confirm]               POST   F       403  404  404  404  404  404  404  302
problem_attach                     POST   AB      302  302  302  302  302  302  302  302
problem_attach                     POST   SC      302  302  404  404  302  404  302  302
problem_attach                     POST   F       302  404  404  404  404  404  404  302
problem_attachment                 GET    AB      200  200  200  200  200  200  200  302
problem_attachment                 GET    SC      200  200  404  404  200  404  200  302
problem_attachment                 GET    F       200  404  404  404  404  404  404  302
letter_list                        GET    -       200  200  200  200  200  200  200  302
letter_issue                       POST   -       302  302  403  403  403  403  403  302
letter_bulk                        POST   -       302  302  403  403  403  403  403  302
letter_detail                      GET    O       200  200  200  200  200  200  200  302
letter_detail                      GET    S       200  200  404  404  200  404  200  302
letter_detail                      GET    U       200  200  200  200  200  200  200  302
letter_detail                      GET    F       200  404  404  404  404  404  404  302
letter_download                    GET    O       200  200  200  200  200  200  200  302
letter_download                    GET    S       200  200  404  404  200  404  200  302
letter_download                    GET    U       200  200  200  200  200  200  200  302
letter_download                    GET    F       200  404  404  404  404  404  404  302
letter_reply                       POST   O       302  403  302  403  403  403  403  302
letter_reply                       POST   S       302  403  404  404  403  404  403  302
letter_reply                       POST   U       302  403  302  403  403  302  403  302
letter_reply                       POST   F       302  404  404  404  404  404  404  302
inbox                              GET    -       200  200  200  200  200  200  200  302
inbox                              POST   -       302  302  302  302  302  302  302  302
inbox_read_all                     POST   -       302  302  302  302  302  302  302  302
ledger_import                      GET    -       200  200  200  403  403  403  403  302
ledger_import                      POST   -       200  200  200  403  403  403  403  302
ledger_job                         GET    O       404  404  200  404  404  404  404  302
ledger_job                         GET    C       404  200  404  404  404  404  404  302
ledger_job                         GET    F       404  404  404  404  404  404  404  302
ledger_job_mapping                 POST   O       404  404  302  404  404  404  404  302
ledger_job_mapping                 POST   C       404  302  404  404  404  404  404  302
ledger_job_mapping                 POST   F       404  404  404  404  404  404  404  302
ledger_job_confirm                 POST   O       404  404  302  404  404  404  404  302
ledger_job_confirm                 POST   C       404  302  404  404  404  404  404  302
ledger_job_confirm                 POST   F       404  404  404  404  404  404  404  302
ledger_export                      GET    -       200  200  200  200  200  200  200  302
wall_home                          GET    -       302  302  302  302  302  302  302  302
wall_chart                         GET    O       200  200  200  200  200  200  200  302
wall_chart                         GET    SC      200  200  403  403  200  403  200  302
wall_chart                         GET    FP      200  403  403  403  403  403  403  302
project_schedule                   GET    AB      200  200  200  200  200  200  200  302
project_schedule                   GET    SC      200  200  404  404  200  404  200  302
project_schedule                   GET    F       200  404  404  404  404  404  404  302
project_add_required               POST   A       302  302  302  302  403  403  403  302
project_add_required               POST   B       302  302  302  403  403  403  403  302
project_add_required               POST   SC      302  302  404  404  403  404  403  302
project_add_required               POST   F       302  404  404  404  404  404  404  302
approval_create                    GET    A       200  200  200  200  403  403  403  302
approval_create                    GET    B       200  200  200  403  403  403  403  302
approval_create                    GET    SC      200  200  404  404  403  404  403  302
approval_create                    GET    F       200  404  404  404  404  404  404  302
approval_create                    POST   A       200  200  200  200  403  403  403  302
approval_create                    POST   B       200  200  200  403  403  403  403  302
approval_create                    POST   SC      200  200  404  404  403  404  403  302
approval_create                    POST   F       200  404  404  404  404  404  404  302
approval_edit                      GET    A       200  200  200  200  403  403  403  302
approval_edit                      GET    B       200  200  200  403  403  403  403  302
approval_edit                      GET    SC      200  200  404  404  403  404  403  302
approval_edit                      GET    F       200  404  404  404  404  404  404  302
approval_edit                      POST   A       200  200  200  200  403  403  403  302
approval_edit                      POST   B       200  200  200  403  403  403  403  302
approval_edit                      POST   SC      200  200  404  404  403  404  403  302
approval_edit                      POST   F       200  404  404  404  404  404  404  302
milestone_create                   GET    A       200  200  200  200  403  403  403  302
milestone_create                   GET    B       200  200  200  403  403  403  403  302
milestone_create                   GET    SC      200  200  404  404  403  404  403  302
milestone_create                   GET    F       200  404  404  404  404  404  404  302
milestone_create                   POST   A       200  200  200  200  403  403  403  302
milestone_create                   POST   B       200  200  200  403  403  403  403  302
milestone_create                   POST   SC      200  200  404  404  403  404  403  302
milestone_create                   POST   F       200  404  404  404  404  404  404  302
milestone_edit                     GET    A       200  200  200  200  403  403  403  302
milestone_edit                     GET    B       200  200  200  403  403  403  403  302
milestone_edit                     GET    SC      200  200  404  404  403  404  403  302
milestone_edit                     GET    F       200  404  404  404  404  404  404  302
milestone_edit                     POST   A       200  200  200  200  403  403  403  302
milestone_edit                     POST   B       200  200  200  403  403  403  403  302
milestone_edit                     POST   SC      200  200  404  404  403  404  403  302
milestone_edit                     POST   F       200  404  404  404  404  404  404  302
event_home                         GET    -       302  302  302  302  302  302  302  302
event_list                         GET    O       200  200  200  200  200  200  200  302
event_list                         GET    SC      200  200  403  403  200  403  200  302
event_list                         GET    FP      200  403  403  403  403  403  403  302
event_list                         POST   O       200  200  200  403  403  403  403  302
event_list                         POST   SC      200  200  403  403  403  403  403  302
event_list                         POST   FP      200  403  403  403  403  403  403  302
event_detail                       GET    O       200  200  200  200  200  200  200  302
event_detail                       GET    SC      200  200  404  404  200  404  200  302
event_detail                       GET    F       200  404  404  404  404  404  404  302
event_detail                       POST   O       200  200  200  403  403  403  403  302
event_detail                       POST   SC      200  200  404  404  403  404  403  302
event_detail                       POST   F       200  404  404  404  404  404  404  302
event_remove_project               POST   O       302  302  302  403  403  403  403  302
event_remove_project               POST   SC      302  302  404  404  403  404  403  302
event_remove_project               POST   F       302  404  404  404  404  404  404  302
campaign_list                      GET    O       200  200  200  200  200  200  200  302
campaign_list                      GET    SC      200  200  403  403  200  403  200  302
campaign_list                      GET    FP      200  403  403  403  403  403  403  302
campaign_list                      POST   O       200  200  200  403  403  403  403  302
campaign_list                      POST   SC      200  200  403  403  403  403  403  302
campaign_list                      POST   FP      200  403  403  403  403  403  403  302
campaign_detail                    GET    O       200  200  200  200  200  200  200  302
campaign_detail                    GET    SC      200  200  404  404  200  404  200  302
campaign_detail                    GET    F       200  404  404  404  404  404  404  302
campaign_detail                    POST   O       200  200  200  200  200  200  200  302
campaign_detail                    POST   SC      200  200  404  404  200  404  200  302
campaign_detail                    POST   F       200  404  404  404  404  404  404  302
dispatch:my_filings                GET    -       200  200  200  200  200  200  200  302
dispatch:filing_form               GET    A       200  403  200  200  403  403  403  302
dispatch:filing_form               GET    B       200  403  200  403  403  403  403  302
dispatch:filing_form               GET    SC      200  403  404  404  403  404  403  302
dispatch:filing_form               GET    F       200  404  404  404  404  404  404  302
dispatch:filing_form               POST   A       200  403  200  200  403  403  403  302
dispatch:filing_form               POST   B       200  403  200  403  403  403  403  302
dispatch:filing_form               POST   SC      200  403  404  404  403  404  403  302
dispatch:filing_form               POST   F       200  404  404  404  404  404  404  302
dispatch:filing_detail             GET    AB      200  200  200  200  200  200  200  302
dispatch:filing_detail             GET    SC      200  200  404  404  200  404  200  302
dispatch:filing_detail             GET    F       200  404  404  404  404  404  404  302
dispatch:filing_review             POST   AB      302  403  302  403  403  403  403  302
dispatch:filing_review             POST   SC      302  403  404  404  403  404  403  302
dispatch:filing_review             POST   F       302  404  404  404  404  404  404  302
dispatch:filing_correct            GET    AB      200  200  200  403  403  403  403  302
dispatch:filing_correct            GET    SC      200  200  404  404  403  404  403  302
dispatch:filing_correct            GET    F       200  404  404  404  404  404  404  302
dispatch:filing_correct            POST   AB      200  200  200  403  403  403  403  302
dispatch:filing_correct            POST   SC      200  200  404  404  403  404  403  302
dispatch:filing_correct            POST   F       200  404  404  404  404  404  404  302
dispatch:review_queue              GET    -       200  403  200  403  403  403  403  302
dispatch:period_list               GET    -       200  200  200  200  200  200  200  302
dispatch:period_list               POST   -       200  200  200  200  200  200  200  302
dispatch:period_detail             GET    C       200  200  200  200  200  200  200  302
dispatch:period_detail             GET    F       200  404  404  404  404  404  404  302
dispatch:period_state              POST   C       302  302  403  403  403  403  403  302
dispatch:period_state              POST   F       302  404  404  404  404  404  404  302
dispatch:missing_correct           GET    AB      200  200  200  403  403  403  403  302
dispatch:missing_correct           GET    SC      200  200  404  404  403  404  403  302
dispatch:missing_correct           GET    F       200  404  404  404  404  404  404  302
dispatch:missing_correct           POST   AB      200  200  200  403  403  403  403  302
dispatch:missing_correct           POST   SC      200  200  404  404  403  404  403  302
dispatch:missing_correct           POST   F       200  404  404  404  404  404  404  302
dispatch:photo                     GET    AB      200  200  200  200  200  200  200  302
dispatch:photo                     GET    SC      200  200  404  404  200  404  200  302
dispatch:photo                     GET    F       200  404  404  404  404  404  404  302
dispatch:photo_delete              POST   A       302  403  302  302  403  403  403  302
dispatch:photo_delete              POST   B       302  403  302  403  403  403  403  302
dispatch:photo_delete              POST   SC      302  403  404  404  403  404  403  302
dispatch:photo_delete              POST   F       302  404  404  404  404  404  404  302
dispatch:region_pace               GET    O       200  200  200  200  200  200  200  302
dispatch:region_pace               GET    SC      200  200  404  404  200  404  200  302
dispatch:region_pace               GET    FP      200  404  404  404  404  404  404  302
admin:index                        GET    -       200  302  302  302  302  302  302  302
admin:problems_problem_changelist  GET    -       200  302  302  302  302  302  302  302
openapi                            GET    -       200  200  200  200  200  200  200  200
api_regions                        GET    -       200  200  200  200  200  200  200  401
api_region                         GET    O       200  200  200  200  200  200  200  401
api_region                         GET    SC      200  200  404  404  200  404  200  401
api_region                         GET    FP      200  404  404  404  404  404  404  401
api_region_departments             GET    O       200  200  200  200  200  200  200  401
api_region_departments             GET    SC      200  200  404  404  200  404  200  401
api_region_departments             GET    FP      200  404  404  404  404  404  404  401
api_projects                       GET    -       200  200  200  200  200  200  200  401
api_projects                       POST   -       400  400  400  403  403  403  403  401
api_project                        GET    AB      200  200  200  200  200  200  200  401
api_project                        GET    SC      200  200  404  404  200  404  200  401
api_project                        GET    F       200  404  404  404  404  404  404  401
api_project                        PATCH  AB      400  400  400  403  403  403  403  401
api_project                        PATCH  SC      400  400  404  404  403  404  403  401
api_project                        PATCH  F       400  404  404  404  404  404  404  401
api_project                        DELETE AB      400  400  400  403  403  403  403  401
api_project                        DELETE SC      400  400  404  404  403  404  403  401
api_project                        DELETE F       400  404  404  404  404  404  404  401
api_project_history                GET    AB      200  200  200  200  200  200  200  401
api_project_history                GET    SC      200  200  404  404  200  404  200  401
api_project_history                GET    F       200  404  404  404  404  404  404  401
api_project_stages                 GET    AB      200  200  200  200  200  200  200  401
api_project_stages                 GET    SC      200  200  404  404  200  404  200  401
api_project_stages                 GET    F       200  404  404  404  404  404  404  401
api_project_stages                 POST   A       400  400  400  400  403  403  403  401
api_project_stages                 POST   B       400  400  400  403  403  403  403  401
api_project_stages                 POST   SC      400  400  404  404  403  404  403  401
api_project_stages                 POST   F       400  404  404  404  404  404  404  401
api_plans                          GET    -       200  200  200  200  200  200  200  401
api_plans                          POST   -       400  400  400  403  403  403  403  401
api_plan                           GET    AB      200  200  200  200  200  200  200  401
api_plan                           GET    SC      200  200  404  404  200  404  200  401
api_plan                           GET    F       200  404  404  404  404  404  404  401
api_plan                           PATCH  AB      200  200  200  403  403  403  403  401
api_plan                           PATCH  SC      200  200  404  404  403  404  403  401
api_plan                           PATCH  F       200  404  404  404  404  404  404  401
api_plan                           DELETE AB      204  204  204  403  403  403  403  401
api_plan                           DELETE SC      204  204  404  404  403  404  403  401
api_plan                           DELETE F       204  404  404  404  404  404  404  401
api_targets                        GET    -       200  200  200  200  200  200  200  401
api_targets                        POST   -       400  400  403  403  403  403  403  401
api_target                         GET    O       200  200  200  200  200  200  200  401
api_target                         GET    SC      200  200  404  404  200  404  200  401
api_target                         GET    F       200  404  404  404  404  404  404  401
api_target                         PATCH  O       200  200  403  403  403  403  403  401
api_target                         PATCH  SC      200  200  404  404  403  404  403  401
api_target                         PATCH  F       200  404  404  404  404  404  404  401
api_target                         DELETE O       204  204  403  403  403  403  403  401
api_target                         DELETE SC      204  204  404  404  403  404  403  401
api_target                         DELETE F       204  404  404  404  404  404  404  401
api_reserves                       GET    -       200  200  200  200  200  200  200  401
api_reserves                       POST   -       400  400  400  403  403  403  403  401
api_reserve                        GET    AB      200  200  200  200  200  200  200  401
api_reserve                        GET    SC      200  200  404  404  200  404  200  401
api_reserve                        GET    F       200  404  404  404  404  404  404  401
api_reserve                        PATCH  AB      200  200  200  403  403  403  403  401
api_reserve                        PATCH  SC      200  200  404  404  403  404  403  401
api_reserve                        PATCH  F       200  404  404  404  404  404  404  401
api_reserve                        DELETE AB      204  204  204  403  403  403  403  401
api_reserve                        DELETE SC      204  204  404  404  403  404  403  401
api_reserve                        DELETE F       204  404  404  404  404  404  404  401
api_figures                        GET    O       200  200  200  200  200  200  200  401
api_figures                        GET    SC      200  200  404  404  200  404  200  401
api_figures                        GET    FP      200  404  404  404  404  404  404  401
approval-figures                   GET    O       200  200  200  200  200  200  200  401
approval-figures                   GET    SC      200  200  403  403  200  403  200  401
approval-figures                   GET    FP      200  403  403  403  403  403  403  401
approval-type-list                 GET    -       200  200  200  200  200  200  200  401
approval-type-detail               GET    A       200  200  200  200  200  200  200  401
approval-list                      GET    -       200  200  200  200  200  200  200  401
approval-list                      POST   -       400  400  400  400  403  403  403  401
approval-detail                    GET    AB      200  200  200  200  200  200  200  401
approval-detail                    GET    SC      200  200  404  404  200  404  200  401
approval-detail                    GET    F       200  404  404  404  404  404  404  401
approval-detail                    PUT    A       400  400  400  400  403  403  403  401
approval-detail                    PUT    B       400  400  400  403  403  403  403  401
approval-detail                    PUT    SC      400  400  404  404  403  404  403  401
approval-detail                    PUT    F       400  404  404  404  404  404  404  401
approval-detail                    PATCH  A       200  200  200  200  403  403  403  401
approval-detail                    PATCH  B       200  200  200  403  403  403  403  401
approval-detail                    PATCH  SC      200  200  404  404  403  404  403  401
approval-detail                    PATCH  F       200  404  404  404  404  404  404  401
approval-detail                    DELETE A       204  204  204  204  403  403  403  401
approval-detail                    DELETE B       204  204  204  403  403  403  403  401
approval-detail                    DELETE SC      204  204  404  404  403  404  403  401
approval-detail                    DELETE F       204  404  404  404  404  404  404  401
milestone-list                     GET    -       200  200  200  200  200  200  200  401
milestone-list                     POST   -       400  400  400  400  403  403  403  401
milestone-detail                   GET    AB      200  200  200  200  200  200  200  401
milestone-detail                   GET    SC      200  200  404  404  200  404  200  401
milestone-detail                   GET    F       200  404  404  404  404  404  404  401
milestone-detail                   PUT    A       400  400  400  400  403  403  403  401
milestone-detail                   PUT    B       400  400  400  403  403  403  403  401
milestone-detail                   PUT    SC      400  400  404  404  403  404  403  401
milestone-detail                   PUT    F       400  404  404  404  404  404  404  401
milestone-detail                   PATCH  A       200  200  200  200  403  403  403  401
milestone-detail                   PATCH  B       200  200  200  403  403  403  403  401
milestone-detail                   PATCH  SC      200  200  404  404  403  404  403  401
milestone-detail                   PATCH  F       200  404  404  404  404  404  404  401
milestone-detail                   DELETE A       204  204  204  204  403  403  403  401
milestone-detail                   DELETE B       204  204  204  403  403  403  403  401
milestone-detail                   DELETE SC      204  204  404  404  403  404  403  401
milestone-detail                   DELETE F       204  404  404  404  404  404  404  401
groundbreaking-list                GET    -       200  200  200  200  200  200  200  401
groundbreaking-list                POST   -       400  400  400  403  403  403  403  401
groundbreaking-detail              GET    O       200  200  200  200  200  200  200  401
groundbreaking-detail              GET    SC      200  200  404  404  200  404  200  401
groundbreaking-detail              GET    F       200  404  404  404  404  404  404  401
groundbreaking-detail              PUT    OSCF    405  405  405  405  405  405  405  401
groundbreaking-detail              PATCH  O       200  200  200  403  403  403  403  401
groundbreaking-detail              PATCH  SC      200  200  404  404  403  404  403  401
groundbreaking-detail              PATCH  F       200  404  404  404  404  404  404  401
groundbreaking-detail              DELETE O       204  204  204  403  403  403  403  401
groundbreaking-detail              DELETE SC      204  204  404  404  403  404  403  401
groundbreaking-detail              DELETE F       204  404  404  404  404  404  404  401
groundbreaking-add-projects        POST   O       400  400  400  403  403  403  403  401
groundbreaking-add-projects        POST   SC      400  400  404  404  403  404  403  401
groundbreaking-add-projects        POST   F       400  404  404  404  404  404  404  401
groundbreaking-remove-projects     POST   O       400  400  400  403  403  403  403  401
groundbreaking-remove-projects     POST   SC      400  400  404  404  403  404  403  401
groundbreaking-remove-projects     POST   F       400  404  404  404  404  404  404  401
campaign-list                      GET    -       200  200  200  200  200  200  200  401
campaign-list                      POST   -       400  400  400  403  403  403  403  401
campaign-detail                    GET    O       200  200  200  200  200  200  200  401
campaign-detail                    GET    SC      200  200  404  404  200  404  200  401
campaign-detail                    GET    F       200  404  404  404  404  404  404  401
campaign-detail                    PUT    OSCF    405  405  405  405  405  405  405  401
campaign-detail                    PATCH  O       400  400  400  403  403  403  403  401
campaign-detail                    PATCH  SC      400  400  404  404  403  404  403  401
campaign-detail                    PATCH  F       400  404  404  404  404  404  404  401
campaign-detail                    DELETE O       204  204  204  403  403  403  403  401
campaign-detail                    DELETE SC      204  204  404  404  403  404  403  401
campaign-detail                    DELETE F       204  404  404  404  404  404  404  401
api-problem-list                   GET    -       200  200  200  200  200  200  200  401
api-problem-list                   POST   -       400  400  400  400  403  403  403  401
api-problem-detail                 GET    AB      200  200  200  200  200  200  200  401
api-problem-detail                 GET    SC      200  200  404  404  200  404  200  401
api-problem-detail                 GET    F       200  404  404  404  404  404  404  401
api-problem-act[start]             POST   A       403  403  403  403  403  200  403  401
api-problem-act[start]             POST   B       403  403  200  403  403  403  403  401
api-problem-act[start]             POST   S       403  403  404  404  403  404  403  401
api-problem-act[start]             POST   C       403  200  404  404  403  404  403  401
api-problem-act[start]             POST   F       403  404  404  404  404  404  404  401
api-problem-act[assign]            POST   AB      400  400  400  403  403  403  403  401
api-problem-act[assign]            POST   SC      400  400  404  404  403  404  403  401
api-problem-act[assign]            POST   F       400  404  404  404  404  404  404  401
api-problem-act[escalate]          POST   A       400  400  400  400  403  400  403  401
api-problem-act[escalate]          POST   B       400  400  400  403  403  403  403  401
api-problem-act[escalate]          POST   SC      400  400  404  404  403  404  403  401
api-problem-act[escalate]          POST   F       400  404  404  404  404  404  404  401
api-problem-act[confirm]           POST   A       403  403  403  400  403  403  403  401
api-problem-act[confirm]           POST   B       403  403  400  403  403  403  403  401
api-problem-act[confirm]           POST   S       403  403  404  404  403  404  403  401
api-problem-act[confirm]           POST   C       403  400  404  404  403  404  403  401
api-problem-act[confirm]           POST   F       403  404  404  404  404  404  404  401
api-problem-attach                 POST   A       400  400  400  400  403  400  403  401
api-problem-attach                 POST   B       400  400  400  403  403  403  403  401
api-problem-attach                 POST   SC      400  400  404  404  403  404  403  401
api-problem-attach                 POST   F       400  404  404  404  404  404  404  401
api-problem-attachment             GET    AB      200  200  200  200  200  200  200  401
api-problem-attachment             GET    SC      200  200  404  404  200  404  200  401
api-problem-attachment             GET    F       200  404  404  404  404  404  404  401
api-problem-category-list          GET    -       200  200  200  200  200  200  200  401
api-problem-category-detail        GET    A       200  200  200  200  200  200  200  401
api-letter-list                    GET    -       200  200  200  200  200  200  200  401
api-letter-list                    POST   -       400  400  403  403  403  403  403  401
api-letter-bulk                    POST   -       400  400  403  403  403  403  403  401
api-letter-detail                  GET    O       200  200  200  200  200  200  200  401
api-letter-detail                  GET    S       200  200  404  404  200  404  200  401
api-letter-detail                  GET    U       200  200  200  200  200  200  200  401
api-letter-detail                  GET    F       200  404  404  404  404  404  404  401
api-letter-download                GET    O       200  200  200  200  200  200  200  401
api-letter-download                GET    S       200  200  404  404  200  404  200  401
api-letter-download                GET    U       200  200  200  200  200  200  200  401
api-letter-download                GET    F       200  404  404  404  404  404  404  401
api-letter-reply                   POST   O       400  403  400  403  403  403  403  401
api-letter-reply                   POST   S       400  403  404  404  403  404  403  401
api-letter-reply                   POST   U       400  403  400  403  403  400  403  401
api-letter-reply                   POST   F       400  404  404  404  404  404  404  401
api-filing-photo                   GET    AB      200  200  200  200  200  200  200  401
api-filing-photo                   GET    SC      200  200  404  404  200  404  200  401
api-filing-photo                   GET    F       200  404  404  404  404  404  404  401
api-pace                           GET    O       200  200  200  200  200  200  200  401
api-pace                           GET    SC      200  200  400  400  200  400  200  401
api-pace                           GET    FP      200  400  400  400  400  400  400  401
api-filing-figures                 GET    O       200  200  200  200  200  200  200  401
api-filing-figures                 GET    SC      200  200  400  400  200  400  200  401
api-filing-figures                 GET    FP      200  400  400  400  400  400  400  401
api-period-list                    GET    -       200  200  200  200  200  200  200  401
api-period-rhythm                  POST   -       400  400  400  403  403  403  403  401
api-period-detail                  GET    C       200  200  200  200  200  200  200  401
api-period-detail                  GET    F       200  404  404  404  404  404  404  401
api-period-close                   POST   C       200  200  403  403  403  403  403  401
api-period-close                   POST   F       200  404  404  404  404  404  404  401
api-period-open                    POST   C       400  400  403  403  403  403  403  401
api-period-open                    POST   F       400  404  404  404  404  404  404  401
api-filing-list                    GET    -       200  200  200  200  200  200  200  401
api-filing-list                    POST   -       400  403  400  400  403  403  403  401
api-filing-corrections             POST   -       400  400  400  403  403  403  403  401
api-filing-detail                  GET    AB      200  200  200  200  200  200  200  401
api-filing-detail                  GET    SC      200  200  404  404  200  404  200  401
api-filing-detail                  GET    F       200  404  404  404  404  404  404  401
api-filing-detail                  PATCH  A       400  403  400  400  403  403  403  401
api-filing-detail                  PATCH  B       400  403  400  403  403  403  403  401
api-filing-detail                  PATCH  SC      400  403  404  404  403  404  403  401
api-filing-detail                  PATCH  F       400  404  404  404  404  404  404  401
api-filing-accept                  POST   AB      200  403  200  403  403  403  403  401
api-filing-accept                  POST   SC      200  403  404  404  403  404  403  401
api-filing-accept                  POST   F       200  404  404  404  404  404  404  401
api-filing-correct                 POST   AB      400  400  400  403  403  403  403  401
api-filing-correct                 POST   SC      400  400  404  404  403  404  403  401
api-filing-correct                 POST   F       400  404  404  404  404  404  404  401
api-filing-photos                  POST   A       400  403  400  400  403  403  403  401
api-filing-photos                  POST   B       400  403  400  403  403  403  403  401
api-filing-photos                  POST   SC      400  403  404  404  403  404  403  401
api-filing-photos                  POST   F       400  404  404  404  404  404  404  401
api-filing-return-                 POST   AB      400  403  400  403  403  403  403  401
api-filing-return-                 POST   SC      400  403  404  404  403  404  403  401
api-filing-return-                 POST   F       400  404  404  404  404  404  404  401
api-filing-submit                  POST   A       400  403  400  400  403  403  403  401
api-filing-submit                  POST   B       400  403  400  403  403  403  403  401
api-filing-submit                  POST   SC      400  403  404  404  403  404  403  401
api-filing-submit                  POST   F       400  404  404  404  404  404  404  401
api-snapshot-list                  GET    -       200  200  200  200  200  200  200  401
api-snapshot-detail                GET    O       200  200  200  200  200  200  200  401
api-snapshot-detail                GET    C       200  200  404  404  200  404  200  401
api-snapshot-detail                GET    F       200  404  404  404  404  404  404  401
ranking:index                      GET    -       302  302  302  302  302  302  302  302
ranking:dashboard                  GET    O       200  200  200  200  200  200  200  302
ranking:dashboard                  GET    SC      200  200  404  404  200  404  200  302
ranking:dashboard                  GET    FP      200  404  404  404  404  404  404  302
ranking:dashboard_csv[funnel]      GET    O       200  200  200  200  200  200  200  302
ranking:dashboard_csv[funnel]      GET    SC      200  200  404  404  200  404  200  302
ranking:dashboard_csv[funnel]      GET    FP      200  404  404  404  404  404  404  302
ranking:ranking                    GET    O       200  200  200  200  200  200  200  302
ranking:ranking                    GET    SC      200  200  404  404  200  404  200  302
ranking:ranking                    GET    FP      200  404  404  404  404  404  404  302
ranking:publish_ranking            POST   O       302  302  403  403  403  403  403  302
ranking:publish_ranking            POST   SC      302  302  404  404  403  404  403  302
ranking:publish_ranking            POST   FP      302  404  404  404  404  404  404  302
ranking:schemes                    GET    O       200  200  200  200  200  200  200  302
ranking:schemes                    GET    SC      200  200  404  404  200  404  200  302
ranking:schemes                    GET    FP      200  404  404  404  404  404  404  302
ranking:scheme_create              GET    O       200  200  403  403  403  403  403  302
ranking:scheme_create              GET    SC      200  200  404  404  403  404  403  302
ranking:scheme_create              GET    FP      200  404  404  404  404  404  404  302
ranking:scheme_create              POST   O       200  200  403  403  403  403  403  302
ranking:scheme_create              POST   SC      200  200  404  404  403  404  403  302
ranking:scheme_create              POST   FP      200  404  404  404  404  404  404  302
ranking:scheme_edit                GET    C       200  200  404  404  403  404  403  302
ranking:scheme_edit                GET    F       200  404  404  404  404  404  404  302
ranking:scheme_edit                POST   C       200  200  404  404  403  404  403  302
ranking:scheme_edit                POST   F       200  404  404  404  404  404  404  302
ranking:briefing                   GET    O       200  200  200  200  200  200  200  302
ranking:briefing                   GET    SC      200  200  404  404  200  404  200  302
ranking:briefing                   GET    FP      200  404  404  404  404  404  404  302
ranking:briefing_docx              GET    O       200  200  200  200  200  200  200  302
ranking:briefing_docx              GET    SC      200  200  404  404  200  404  200  302
ranking:briefing_docx              GET    FP      200  404  404  404  404  404  404  302
ranking:publish_briefing           POST   O       302  302  403  403  403  403  403  302
ranking:publish_briefing           POST   SC      302  302  404  404  403  404  403  302
ranking:publish_briefing           POST   FP      302  404  404  404  404  404  404  302
ranking:templates                  GET    O       200  200  403  403  403  403  403  302
ranking:templates                  GET    SC      200  200  404  404  403  404  403  302
ranking:templates                  GET    FP      200  404  404  404  404  404  404  302
ranking:templates                  POST   O       200  200  403  403  403  403  403  302
ranking:templates                  POST   SC      200  200  404  404  403  404  403  302
ranking:templates                  POST   FP      200  404  404  404  404  404  404  302
api_scheme_list                    GET    -       200  200  200  200  200  200  200  401
api_scheme_list                    POST   -       400  400  400  400  400  400  400  401
api_scheme_detail                  GET    C       200  200  404  404  200  404  200  401
api_scheme_detail                  GET    F       200  404  404  404  404  404  404  401
api_scheme_revise                  POST   C       201  201  404  404  403  404  403  401
api_scheme_revise                  POST   F       201  404  404  404  404  404  404  401
api_ranking                        GET    OS      404  404  404  404  404  404  404  401
api_ranking                        GET    C       200  200  404  404  200  404  200  401
api_ranking                        GET    F       200  404  404  404  404  404  404  401
api_ranking                        GET    P       404  404  404  404  404  404  404  401
api_ranking_publish                POST   O       400  400  403  403  403  403  403  401
api_ranking_publish                POST   S       400  400  404  404  403  404  403  401
api_ranking_publish                POST   C       201  201  404  404  403  404  403  401
api_ranking_publish                POST   F       201  404  404  404  404  404  404  401
api_ranking_publish                POST   P       400  404  404  404  404  404  404  401
api_briefing                       GET    O       200  200  200  200  200  200  200  401
api_briefing                       GET    SC      200  200  404  404  200  404  200  401
api_briefing                       GET    FP      200  404  404  404  404  404  404  401
api_briefing_publish               POST   O       201  201  403  403  403  403  403  401
api_briefing_publish               POST   SC      201  201  404  404  403  404  403  401
api_briefing_publish               POST   FP      201  404  404  404  404  404  404  401
api_briefing_docx                  GET    O       200  200  200  200  200  200  200  401
api_briefing_docx                  GET    SC      200  200  404  404  200  404  200  401
api_briefing_docx                  GET    FP      200  404  404  404  404  404  404  401
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
