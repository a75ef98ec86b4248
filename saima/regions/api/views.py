"""Regions and their responsible units, as far as the caller's scope reaches."""

import django_filters
from django.utils.translation import gettext_lazy as _
from rest_framework import generics

from saima.accounts.access import visible_regions
from saima.regions.models import Department, Region, RegionLevel

from .serializers import DepartmentSerializer, RegionSerializer


class RegionFilterSet(django_filters.FilterSet):
    parent = django_filters.CharFilter(label=_("上级区划代码"), field_name="parent_id")
    level = django_filters.ChoiceFilter(label=_("级别"), choices=RegionLevel.choices)

    class Meta:
        model = Region
        fields = ["parent", "level"]


class RegionList(generics.ListAPIView):
    """The regions the caller can see (their grants' regions and everything below)."""

    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet

    def get_queryset(self):
        return visible_regions(self.request.user)


class RegionDetail(generics.RetrieveAPIView):
    serializer_class = RegionSerializer
    lookup_field = "code"

    def get_queryset(self):
        return visible_regions(self.request.user)


class DepartmentList(generics.ListAPIView):
    """The responsible units (责任单位) of a region in scope."""

    serializer_class = DepartmentSerializer
    filter_backends = []

    def get_queryset(self):
        region = generics.get_object_or_404(
            visible_regions(self.request.user), code=self.kwargs["code"]
        )
        return Department.objects.filter(region=region)
