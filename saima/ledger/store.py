"""Matching a chunk of clean rows to stored projects, comparing, and writing in bulk.

A few queries per chunk: projects by code, projects by name within the chunk's regions, this
year's plans and the stage history of the matched projects. Writes are bulk_create/bulk_update,
and audit entries are made with saima.audit.recorder.make_entry and saved in bulk, as the
importing user with source "import".
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from saima.audit.models import Action, AuditEntry
from saima.audit.recorder import make_entry
from saima.figures import versions
from saima.projects.choices import STAGE_ORDER, YearNature
from saima.projects.models import AnnualPlan, Project, StageEvent

PROJECT_KEYS = (
    "code",
    "name",
    "content",
    "industry",
    "nature",
    "category",
    "owner_name",
    "owner_uscc",
    "location",
    "land_mu",
    "plan_level",
    "total_investment_wan",
)
BATCH = 1000


def plain(value):
    """A value as the audit trail stores it (same form as saima.audit.recorder.snapshot)."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


class ChunkStore:
    def __init__(self, importer, user, source, write: bool):
        self.importer, self.user, self.source, self.write = importer, user, source, write
        self.report = importer.report

    def save(self, rows) -> None:
        if not rows:
            return
        year = self.importer.year
        matched = self._match(rows)
        ids = [p.pk for p in matched.values() if p is not None]
        plans = {}
        if year and ids:
            plans = {
                p.project_id: p for p in AnnualPlan.objects.filter(project_id__in=ids, year=year)
            }
        events = {}
        for event in StageEvent.objects.filter(project_id__in=ids) if ids else ():
            events.setdefault(event.project_id, {})[event.stage] = event
        work = Work()
        for row in rows:
            if row.number not in matched:
                continue
            project = matched[row.number]
            pid = project.pk if project else None
            self._row(row, project, plans.get(pid), events.get(pid, {}), work)
        if self.write and self.report.ok:
            work.flush(self.user, self.source)

    def _match(self, rows) -> dict:
        codes = [r.values["code"] for r in rows if "code" in r.values]
        by_code = {p.code: p for p in Project.objects.filter(code__in=codes)} if codes else {}
        by_name = {}
        names = {r.values["name"] for r in rows}
        regions = {r.region.code for r in rows}
        for p in Project.objects.filter(name__in=names, region_id__in=regions):
            by_name.setdefault((p.region_id, p.name), []).append(p)
        matched = {}
        for row in rows:
            code = row.values.get("code")
            same_name = by_name.get((row.region.code, row.values["name"]), [])
            project = by_code.get(code) if code else None
            if project is not None:
                if project.region_id != row.region.code:
                    self.importer.error(
                        row.number,
                        "code",
                        _("该项目代码属于%(r)s的项目“%(n)s”")
                        % {"r": project.region, "n": project.name},
                        _("项目代码与所在区划应一致"),
                    )
                    continue
            elif len(same_name) > 1:
                self.importer.error(
                    row.number,
                    "name",
                    _("同一区划下有%(n)s个同名项目") % {"n": len(same_name)},
                    _("请填写项目代码以区分"),
                )
                continue
            elif same_name:
                project = same_name[0]
                if code and project.code and project.code != code:
                    self.importer.error(
                        row.number,
                        "code",
                        _("同区划同名项目的项目代码为%(c)s") % {"c": project.code},
                        _("项目代码应与已登记的一致"),
                    )
                    continue
            matched[row.number] = project
        return matched

    def _row(self, row, project, plan, events, work) -> None:
        imp, values, year = self.importer, row.values, self.importer.year
        # Stage dates must follow the pipeline order, together with the dates already stored.
        dates = {stage: e.date for stage, e in events.items()} | row.stages
        ordered = sorted(dates.items(), key=lambda item: STAGE_ORDER[item[0]])
        for (early, d1), (late, d2) in zip(ordered, ordered[1:], strict=False):
            if d2 < d1:
                key = f"stage_{late}" if late in row.stages else f"stage_{early}"
                imp.error(
                    row.number,
                    key,
                    _("%(a)s日期%(d2)s早于%(b)s日期%(d1)s")
                    % {"a": late, "d2": d2, "b": early, "d1": d1},
                    _("各阶段日期应按 谋划→签约→落地→开工→竣工→投产 的先后顺序"),
                )
                return
        plan_values = {
            k: values[k] for k in ("year_nature", "annual_plan_wan", "resumed_on") if k in values
        }
        if plan_values and plan is None and "year_nature" not in plan_values:
            imp.error(
                row.number,
                "annual_plan_wan" if "annual_plan_wan" in values else "resumed_on",
                _("列入%(y)s年度计划需要填写“新建/续建”") % {"y": year},
                _("请填写新建或续建"),
            )
            return
        nature = plan_values.get("year_nature") or (plan.nature if plan else None)
        if plan_values.get("resumed_on") and nature != YearNature.CONTINUING:
            imp.error(row.number, "resumed_on", _("只有续建项目才有复工日期"), _("新建项目请留空"))
            return
        stage = max(dates, key=STAGE_ORDER.__getitem__) if dates else ""
        if project is None:
            self._create(row, plan_values, stage, work)
        else:
            self._update(row, project, plan, plan_values, events, stage, work)

    def _create(self, row, plan_values, stage, work) -> None:
        self.report.created += 1
        fields = {k: row.values[k] for k in PROJECT_KEYS if k in row.values}
        if not self.write:
            return
        project = Project(region=row.region, department=row.department, stage=stage, **fields)
        changes = {k: [None, plain(v)] for k, v in fields.items()}
        changes["region"] = [None, row.region.name]
        if row.department:
            changes["department"] = [None, row.department.name]
        if stage:
            changes["stage"] = [None, stage]
        work.new_projects.append((project, changes))
        if plan_values:
            plan = AnnualPlan(
                project=project,
                year=self.importer.year,
                nature=plan_values["year_nature"],
                annual_plan_wan=plan_values.get("annual_plan_wan") or Decimal(0),
                resumed_on=plan_values.get("resumed_on"),
            )
            work.new_plans.append(plan)
        for name, when in row.stages.items():
            work.new_events.append(StageEvent(project=project, stage=name, date=when))

    def _update(self, row, project, plan, plan_values, events, stage, work) -> None:
        changes = {}
        for key in PROJECT_KEYS:
            if key in row.values and row.values[key] != getattr(project, key):
                changes[key] = [plain(getattr(project, key)), plain(row.values[key])]
        if row.department and row.department.pk != project.department_id:
            changes["department"] = [str(project.department or "") or None, row.department.name]
        if stage != project.stage:
            changes["stage"] = [project.stage or None, stage]
        plan_changes = {}
        plan_attr = {
            "year_nature": "nature",
            "annual_plan_wan": "annual_plan_wan",
            "resumed_on": "resumed_on",
        }
        if plan is not None:
            for key, value in plan_values.items():
                old = getattr(plan, plan_attr[key])
                if value != old:
                    plan_changes[plan_attr[key]] = [plain(old), plain(value)]
        new_stages = {s: d for s, d in row.stages.items() if s not in events}
        moved = {s: d for s, d in row.stages.items() if s in events and events[s].date != d}
        if not (changes or plan_changes or new_stages or moved or (plan_values and plan is None)):
            self.report.unchanged += 1
            return
        self.report.updated += 1
        if not self.write:
            return
        if changes:
            for key, (_old, _new) in changes.items():
                if key == "department":
                    project.department = row.department
                elif key in row.values:
                    setattr(project, key, row.values[key])
            project.stage = stage
            project.version += 1
            project.updated_at = work.now
            work.changed_projects.append((project, changes))
        if plan is None and plan_values:
            work.new_plans.append(
                AnnualPlan(
                    project=project,
                    year=self.importer.year,
                    nature=plan_values["year_nature"],
                    annual_plan_wan=plan_values.get("annual_plan_wan") or Decimal(0),
                    resumed_on=plan_values.get("resumed_on"),
                )
            )
        elif plan_changes:
            for attr, (_old, _new) in plan_changes.items():
                key = next(k for k, a in plan_attr.items() if a == attr)
                setattr(plan, attr, plan_values[key])
            work.changed_plans.append((plan, plan_changes))
        for name, when in new_stages.items():
            work.new_events.append(StageEvent(project=project, stage=name, date=when))
        for name, when in moved.items():
            event = events[name]
            work.changed_events.append((event, {"date": [plain(event.date), plain(when)]}))
            event.date = when


class Work:
    """What one chunk will write."""

    def __init__(self):
        self.now = timezone.now()
        self.new_projects, self.changed_projects = [], []
        self.new_plans, self.changed_plans = [], []
        self.new_events, self.changed_events = [], []

    def flush(self, user, source) -> None:
        entries = []
        if self.new_projects:
            Project.objects.bulk_create([p for p, _c in self.new_projects], batch_size=BATCH)
            entries += [make_entry(user, source, Action.CREATE, p, c) for p, c in self.new_projects]
        if self.changed_projects:
            fields = {"version", "updated_at", "stage"}
            for _p, changes in self.changed_projects:
                fields.update(changes)
            Project.objects.bulk_update(
                [p for p, _c in self.changed_projects], sorted(fields), batch_size=BATCH
            )
            entries += [
                make_entry(user, source, Action.UPDATE, p, c) for p, c in self.changed_projects
            ]
        # The new plans and stage events point at projects created just above; bulk_create
        # takes their ids from the cached objects (which str() of a plan also uses).
        if self.new_plans:
            AnnualPlan.objects.bulk_create(self.new_plans, batch_size=BATCH)
            entries += [
                make_entry(user, source, Action.CREATE, p, _plan_changes(p)) for p in self.new_plans
            ]
        if self.changed_plans:
            fields = sorted({k for _p, c in self.changed_plans for k in c})
            AnnualPlan.objects.bulk_update(
                [p for p, _c in self.changed_plans], fields, batch_size=BATCH
            )
            entries += [
                make_entry(user, source, Action.UPDATE, p, c) for p, c in self.changed_plans
            ]
        if self.new_events:
            StageEvent.objects.bulk_create(self.new_events, batch_size=BATCH)
            entries += [
                make_entry(
                    user,
                    source,
                    Action.CREATE,
                    e,
                    {"stage": [None, e.stage], "date": [None, plain(e.date)]},
                )
                for e in self.new_events
            ]
        if self.changed_events:
            StageEvent.objects.bulk_update(
                [e for e, _c in self.changed_events], ["date"], batch_size=BATCH
            )
            entries += [
                make_entry(user, source, Action.UPDATE, e, c) for e, c in self.changed_events
            ]
        AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
        if entries:  # bulk writes send no signals: every cached figure is out of date
            versions.touch_global()


def _plan_changes(plan) -> dict:
    changes = {"year": [None, plan.year], "nature": [None, plan.nature]}
    changes["annual_plan_wan"] = [None, plain(plan.annual_plan_wan)]
    if plan.resumed_on:
        changes["resumed_on"] = [None, plain(plan.resumed_on)]
    return changes
