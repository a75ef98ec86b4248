"""Filters shared by the wall chart page and the API."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saima.accounts.models import User
from saima.projects.models import Project
from saima.regions.models import Department, Region

from .choices import MilestoneKind
from .models import ApprovalType, Milestone, ProjectApproval


def _within(queryset, value, field="project__region__code"):
    region = Region.objects.filter(code=value.strip()).first()
    if region is None:
        raise ValidationError({"region": _("未知的行政区划代码：%(code)s") % {"code": value}})
    return queryset.filter(**{f"{field}__startswith": region.prefix})


class WallChartFilterSet(django_filters.FilterSet):
    """Narrow the wall chart's projects by responsible leader and unit."""

    leader = django_filters.ModelChoiceFilter(label=_("包保领导"), queryset=User.objects.none())
    department = django_filters.ModelChoiceFilter(
        label=_("责任单位"), queryset=Department.objects.none()
    )
    overdue = django_filters.BooleanFilter(
        label=_("只看有逾期事项的项目"), method="filter_overdue", widget=forms.CheckboxInput
    )

    class Meta:
        model = Project
        fields = ["leader", "department"]

    def __init__(self, data=None, queryset=None, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # Offer only the leaders and units that hold projects on this chart.
        self.filters["leader"].queryset = User.objects.filter(led_projects__in=queryset).distinct()
        self.filters["department"].queryset = Department.objects.filter(
            projects__in=queryset
        ).distinct()

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        late_approval = ProjectApproval.objects.filter(
            obtained_on__isnull=True, planned_on__lt=today
        ).values("project")
        late_milestone = Milestone.objects.filter(
            actual_on__isnull=True, planned_on__lt=today
        ).values("project")
        return queryset.filter(Q(pk__in=late_approval) | Q(pk__in=late_milestone))


class _ScheduleItemFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(label=_("区划"), method="filter_region")
    overdue = django_filters.BooleanFilter(label=_("逾期"), method="filter_overdue")

    def __init__(self, data=None, queryset=None, *, request=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        if request is not None:
            # Only projects in the caller's scope are valid choices (others read as unknown).
            self.filters["project"].queryset = Project.objects.visible_to(request.user)

    def filter_region(self, queryset, name, value):
        return _within(queryset, value)


class ApprovalFilterSet(_ScheduleItemFilterSet):
    approval_type = django_filters.ModelChoiceFilter(
        label=_("前期手续"), queryset=ApprovalType.objects.all()
    )
    obtained = django_filters.BooleanFilter(
        label=_("已办结"), field_name="obtained_on", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = ProjectApproval
        fields = ["project", "approval_type", "region", "obtained", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = Q(obtained_on__isnull=True, planned_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class MilestoneFilterSet(_ScheduleItemFilterSet):
    kind = django_filters.ChoiceFilter(label=_("节点"), choices=MilestoneKind.choices)

    class Meta:
        model = Milestone
        fields = ["project", "kind", "region", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = Q(actual_on__isnull=True, planned_on__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)
