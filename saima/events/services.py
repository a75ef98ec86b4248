"""Changes to groundbreaking events and campaigns: validate, write in one transaction, audit.

Adding a project to a groundbreaking records its 开工 date as the event's date through the
ledger's own service (saima.projects.services.set_stage), so the ledger stays the one source.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saima.audit.models import Action
from saima.audit.recorder import record, snapshot
from saima.projects.choices import Stage
from saima.projects.models import Project
from saima.projects.services import set_stage

from .models import Campaign, GroundbreakingEvent

EVENT_FIELDS = {"region", "date", "name"}
CAMPAIGN_FIELDS = {
    "region",
    "name",
    "starts_on",
    "ends_on",
    "target_started",
    "target_investment_wan",
    "note",
}


def _save(model, instance, data: dict, allowed: set, actor, source, check=None):
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError({name: _("不能修改此字段") for name in sorted(unknown)})
    with transaction.atomic():
        creating = instance is None
        instance = model() if creating else model.objects.select_for_update().get(pk=instance.pk)
        before = None if creating else snapshot(instance)
        if check is not None and not creating:
            check(instance, data)
        for key, value in data.items():
            setattr(instance, key, value)
        instance.full_clean()
        instance.save()
        record(actor, source, Action.CREATE if creating else Action.UPDATE, instance, before)
    return instance


def _event_change_allowed(event: GroundbreakingEvent, data: dict) -> None:
    """The projects' 开工 dates hang on the event's date and region: keep them fixed."""
    if not event.projects.exists():
        return
    if "date" in data and data["date"] != event.date:
        raise ValidationError({"date": _("活动已有项目，不能修改日期；请先移出项目")})
    if "region" in data and data["region"].pk != event.region_id:
        raise ValidationError({"region": _("活动已有项目，不能修改区划；请先移出项目")})


def save_event(event: GroundbreakingEvent | None, data: dict, actor, source):
    return _save(
        GroundbreakingEvent, event, data, EVENT_FIELDS, actor, source, _event_change_allowed
    )


def delete_event(event: GroundbreakingEvent, actor, source) -> None:
    """Delete the event; the projects keep their 开工 dates (they did start that day)."""
    with transaction.atomic():
        record(actor, source, Action.DELETE, event)
        event.delete()


def add_projects(event: GroundbreakingEvent, projects, actor, source) -> None:
    """Add projects to the event and record their 开工 date as the event's date.

    Refused, with nothing saved, when a project is outside the event's region, already started
    on another day, or the event's day has not come yet.
    """
    projects = list(projects)
    if not projects:
        raise ValidationError({"projects": _("请选择要加入的项目")})
    if event.date > timezone.localdate():
        raise ValidationError(
            {"projects": _("集中开工日期（%(date)s）尚未到，不能登记开工") % {"date": event.date}}
        )
    with transaction.atomic():
        locked = GroundbreakingEvent.objects.select_for_update().get(pk=event.pk)
        before = snapshot(locked)
        region = locked.region
        starts = {
            p.pk: p.stage_events.filter(stage=Stage.STARTED).first()
            for p in Project.objects.filter(pk__in=[p.pk for p in projects])
        }
        for project in projects:
            if not region.contains(project.region_id):
                raise ValidationError(
                    {
                        "projects": _("项目“%(name)s”不在本活动的区划（%(region)s）内")
                        % {"name": project, "region": region}
                    }
                )
            start = starts[project.pk]
            if start is not None and start.date != locked.date:
                raise ValidationError(
                    {
                        "projects": _(
                            "项目“%(name)s”已于%(started)s开工，与集中开工日期%(date)s不一致；"
                            "如开工日期有误，请先在台账中更正"
                        )
                        % {"name": project, "started": start.date, "date": locked.date}
                    }
                )
        for project in projects:
            if starts[project.pk] is None:
                try:
                    set_stage(project, Stage.STARTED, locked.date, actor, source, note=locked.name)
                except ValidationError as error:
                    messages = "；".join(error.messages)
                    raise ValidationError({"projects": f"{project}：{messages}"}) from None
        locked.projects.add(*projects)
        record(actor, source, Action.UPDATE, locked, before)


def remove_project(event: GroundbreakingEvent, project, actor, source) -> None:
    """Take a project off the event (its 开工 date stays in the ledger)."""
    with transaction.atomic():
        locked = GroundbreakingEvent.objects.select_for_update().get(pk=event.pk)
        before = snapshot(locked)
        locked.projects.remove(project)
        record(actor, source, Action.UPDATE, locked, before)


def save_campaign(campaign: Campaign | None, data: dict, actor, source):
    return _save(Campaign, campaign, data, CAMPAIGN_FIELDS, actor, source)


def delete_campaign(campaign: Campaign, actor, source) -> None:
    with transaction.atomic():
        record(actor, source, Action.DELETE, campaign)
        campaign.delete()
