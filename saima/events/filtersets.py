import django_filters
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from saima.regions.models import Region

from .models import Campaign, GroundbreakingEvent


class _RegionFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(label=_("区划（含下级）"), method="filter_region")
    year = django_filters.NumberFilter(
        label=_("年度"), method="filter_year", min_value=1, max_value=9999
    )

    def filter_region(self, queryset, name, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            raise ValidationError({"region": _("未知的行政区划代码：%(code)s") % {"code": value}})
        return queryset.filter(region__code__startswith=region.prefix)


class EventFilterSet(_RegionFilterSet):
    class Meta:
        model = GroundbreakingEvent
        fields = ["region", "year", "date"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=value)


class CampaignFilterSet(_RegionFilterSet):
    class Meta:
        model = Campaign
        fields = ["region", "year"]

    def filter_year(self, queryset, name, value):
        return queryset.filter(starts_on__year__lte=value, ends_on__year__gte=value)
