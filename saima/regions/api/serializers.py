from rest_framework import serializers

from saima.regions.models import Department, Region


class RegionSerializer(serializers.ModelSerializer):
    """A region; `parent` is the code of the region above it (null for the top)."""

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "region"]
