"""Problem filters shared by the pages and the API."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saima.regions.models import Region

from .choices import OPEN_STATES, State
from .models import Category, Problem

MINE = [("raised", _("我提出的")), ("assigned", _("交办给我的")), ("escalated", _("升级给我的"))]


def mine_q(user, which: str) -> Q:
    if which == "raised":
        return Q(raised_by=user.pk)
    if which == "assigned":
        q = Q(assignee=user.pk)
        if user.department_id:
            q |= Q(assigned_unit=user.department_id)
        return q
    return Q(escalated_to=user.pk, level__gt=1)


class ProblemFilterSet(django_filters.FilterSet):
    mine = django_filters.ChoiceFilter(label=_("我的问题"), choices=MINE, method="filter_mine")
    region = django_filters.CharFilter(label=_("区划"), method="filter_region")
    level = django_filters.NumberFilter(label=_("级别"))
    category = django_filters.ModelChoiceFilter(
        label=_("类别"), queryset=Category.objects.all(), to_field_name="name"
    )
    state = django_filters.ChoiceFilter(label=_("状态"), choices=State.choices)
    overdue = django_filters.BooleanFilter(
        label=_("超期"),
        method="filter_overdue",
        widget=forms.Select(choices=[("", _("全部")), ("true", _("是")), ("false", _("否"))]),
    )
    project = django_filters.NumberFilter(label=_("项目"), field_name="project_id")

    class Meta:
        model = Problem
        fields = ["mine", "region", "level", "category", "state", "overdue", "project"]

    def filter_mine(self, queryset, name, value):
        return queryset.filter(mine_q(self.request.user, value))

    def filter_region(self, queryset, name, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            raise ValidationError({"region": _("未知的行政区划代码：%(code)s") % {"code": value}})
        return queryset.filter(project__region__code__startswith=region.prefix)

    def filter_overdue(self, queryset, name, value):
        q = overdue_q()
        return queryset.filter(q) if value else queryset.exclude(q)


def overdue_q(today=None) -> Q:
    """Open and past the deadline, or flagged 超期 past the top of the ladder."""
    today = today or timezone.localdate()
    return Q(state__in=OPEN_STATES) & (Q(is_overdue=True) | Q(deadline__lt=today))
