"""Project filters shared by the list page, the API and the Excel export."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saima.accounts.models import User
from saima.regions.models import Department, Region

from .choices import INDUSTRY_CHOICES, ConstructionNature, Stage, YearNature
from .models import Project

SORTS = {
    "name": "name",
    "-name": "-name",
    "investment": "total_investment_wan",
    "-investment": "-total_investment_wan",
    "region": "region_id",
    "-region": "-region_id",
    "stage": "stage",
    "-stage": "-stage",
    "updated": "updated_at",
    "-updated": "-updated_at",
}


class ProjectFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(label=_("区划"), method="filter_region")
    year = django_filters.NumberFilter(label=_("年度"), method="filter_year")
    year_nature = django_filters.ChoiceFilter(
        label=_("年度性质"), choices=YearNature.choices, method="filter_year_nature"
    )
    stage = django_filters.ChoiceFilter(label=_("阶段"), choices=Stage.choices)
    industry = django_filters.ChoiceFilter(label=_("行业"), choices=INDUSTRY_CHOICES)
    nature = django_filters.ChoiceFilter(label=_("建设性质"), choices=ConstructionNature.choices)
    leader = django_filters.ModelChoiceFilter(
        label=_("包保领导"), queryset=User.objects.filter(led_projects__isnull=False).distinct()
    )
    department = django_filters.ModelChoiceFilter(
        label=_("责任单位"), queryset=Department.objects.all()
    )
    q = django_filters.CharFilter(label=_("搜索"), method="filter_q")
    sort = django_filters.ChoiceFilter(
        label=_("排序"), choices=[(k, k) for k in SORTS], method="filter_sort"
    )

    class Meta:
        model = Project
        fields = [
            "region",
            "year",
            "year_nature",
            "stage",
            "industry",
            "nature",
            "leader",
            "department",
            "q",
        ]

    def filter_region(self, queryset, name, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            raise ValidationError({"region": _("未知的行政区划代码：%(code)s") % {"code": value}})
        return queryset.within(region)

    def filter_year(self, queryset, name, value):
        return queryset.filter(plans__year=value)

    def filter_year_nature(self, queryset, name, value):
        year = self.form.cleaned_data.get("year")
        lookup = {"plans__nature": value}
        if year:
            lookup["plans__year"] = year
        return queryset.filter(**lookup).distinct()

    def filter_q(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(code__icontains=value))

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(SORTS[value], "id")
