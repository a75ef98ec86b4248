"""Filters of the plan, target and reserve-pool lists (the project list uses the shared
saima.projects.filtersets.ProjectFilterSet)."""

import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from saima.projects.choices import ReserveStatus, Stage, YearNature
from saima.projects.models import AnnualPlan, ReserveEntry, Target
from saima.regions.models import Region


def region_prefix(value: str) -> str:
    """The code prefix covering a region and everything below it; 400 for an unknown code."""
    region = Region.objects.filter(code=value.strip()).first()
    if region is None:
        raise ValidationError({"region": _("未知的行政区划代码：%(code)s") % {"code": value}})
    return region.prefix


class AnnualPlanFilterSet(django_filters.FilterSet):
    project = django_filters.NumberFilter(label=_("项目"), field_name="project_id")
    region = django_filters.CharFilter(label=_("区划（含下级）"), method="filter_region")
    year = django_filters.NumberFilter(label=_("年度"))
    nature = django_filters.ChoiceFilter(label=_("年度性质"), choices=YearNature.choices)

    class Meta:
        model = AnnualPlan
        fields = ["project", "region", "year", "nature"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(project__region__code__startswith=region_prefix(value))


class TargetFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(label=_("区划（含下级）"), method="filter_region")
    year = django_filters.NumberFilter(label=_("年度"))
    stage = django_filters.ChoiceFilter(label=_("阶段"), choices=Stage.choices)

    class Meta:
        model = Target
        fields = ["region", "year", "stage"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(region__code__startswith=region_prefix(value))


class ReserveEntryFilterSet(django_filters.FilterSet):
    project = django_filters.NumberFilter(label=_("项目"), field_name="project_id")
    region = django_filters.CharFilter(label=_("区划（含下级）"), method="filter_region")
    channel = django_filters.CharFilter(label=_("资金渠道"), field_name="channel__name")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=ReserveStatus.choices)

    class Meta:
        model = ReserveEntry
        fields = ["project", "region", "channel", "status"]

    def filter_region(self, queryset, name, value):
        return queryset.filter(project__region__code__startswith=region_prefix(value))
