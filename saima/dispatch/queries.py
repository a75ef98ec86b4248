"""Read-only lists for the pages and the API (what is due, the review queue, period rows)."""

from dataclasses import dataclass

from saima.figures.pace import filing_figures
from saima.projects.models import Project

from .choices import FilingState, PeriodState
from .models import Filing, Period
from .periods import due_plans


@dataclass
class DueItem:
    period: Period
    project: Project
    filing: Filing | None

    @property
    def needs_action(self) -> bool:
        return self.filing is None or self.filing.state in (FilingState.DRAFT, FilingState.RETURNED)


def due_for(user) -> list[DueItem]:
    """Every open period's projects the user may file for, with their filing if any."""
    fileable = Project.objects.visible_to(user, "file")
    items = []
    for period in (
        Period.objects.visible_to(user).filter(state=PeriodState.OPEN).select_related("region")
    ):
        ids = due_plans(period).filter(project__in=fileable).values_list("project_id", flat=True)
        projects = Project.objects.filter(pk__in=ids).select_related("region")
        filings = {
            f.project_id: f for f in Filing.objects.filter(period=period, project_id__in=ids)
        }
        items += [DueItem(period, p, filings.get(p.pk)) for p in projects]
    items.sort(key=lambda i: (not i.needs_action, i.period.deadline, i.project.name))
    return items


def review_queue(user):
    return (
        Filing.objects.visible_to(user, "review")
        .filter(state=FilingState.SUBMITTED, period__state=PeriodState.OPEN)
        .select_related("project__region", "period__region", "filed_by")
        .order_by("submitted_at")
    )


def period_rows(periods):
    """(period, filing figures for its own region) for the period list."""
    return [(p, filing_figures(p.region, p)) for p in periods]


def project_rows(period, user):
    """The due projects of a period the user can see, with their filing (or None: missing)."""
    visible = Project.objects.visible_to(user)
    ids = due_plans(period).filter(project__in=visible).values_list("project_id", flat=True)
    filings = {f.project_id: f for f in Filing.objects.filter(period=period, project_id__in=ids)}
    projects = Project.objects.filter(pk__in=ids).select_related("region")
    return [(p, filings.get(p.pk)) for p in projects]
