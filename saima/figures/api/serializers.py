"""The shape of the figures document (for parsing the query and describing the answer)."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from saima.regions.models import Region


class FiguresQuerySerializer(serializers.Serializer):
    region = serializers.CharField(help_text="GB/T 2260 code; sub-regions are included.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    as_of = serializers.DateField(
        required=False, help_text="Count events up to this date (default: today)."
    )
    min_total_wan = serializers.DecimalField(
        max_digits=18,
        decimal_places=4,
        min_value=0,
        required=False,
        help_text="Only projects of at least this total investment (万元), e.g. 5000.",
        error_messages={"min_value": _("不能为负数")},
    )

    def validate_region(self, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            raise serializers.ValidationError(_("未知的行政区划代码：%(code)s") % {"code": value})
        return region

    def validate(self, attrs):
        as_of = attrs.get("as_of") or timezone.localdate()
        if as_of < date(attrs["year"], 1, 1):
            raise serializers.ValidationError(
                {"as_of": _("截止日期不能早于%(year)s年1月1日") % {"year": attrs["year"]}}
            )
        attrs["as_of"] = as_of
        return attrs


class StageFigureSerializer(serializers.Serializer):
    stage = serializers.CharField()
    actual = serializers.IntegerField(help_text="Projects that reached the stage in the year.")
    target = serializers.IntegerField(allow_null=True)
    completion = serializers.DecimalField(
        max_digits=12, decimal_places=4, allow_null=True, help_text="actual ÷ target, percent."
    )
    actual_investment_wan = serializers.DecimalField(max_digits=18, decimal_places=4)
    target_investment_wan = serializers.DecimalField(
        max_digits=18, decimal_places=4, allow_null=True
    )
    investment_completion = serializers.DecimalField(
        max_digits=12, decimal_places=4, allow_null=True
    )


class FiguresRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()


def _percent(help_text):
    return serializers.DecimalField(
        max_digits=12, decimal_places=4, allow_null=True, help_text=help_text
    )


class FiguresSerializer(serializers.Serializer):
    region = FiguresRegionSerializer()
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    min_total_wan = serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True)
    planned_projects = serializers.IntegerField()
    planned_new = serializers.IntegerField()
    planned_continuing = serializers.IntegerField()
    total_investment_wan = serializers.DecimalField(max_digits=18, decimal_places=4)
    annual_plan_wan = serializers.DecimalField(max_digits=18, decimal_places=4)
    started_new = serializers.IntegerField()
    resumed_continuing = serializers.IntegerField()
    started_or_resumed = serializers.IntegerField()
    start_rate = _percent("开工率: started 新建 ÷ planned 新建, percent; null when undefined.")
    resume_rate = _percent("复工率: resumed 续建 ÷ planned 续建, percent.")
    start_or_resume_rate = _percent("开复工率: (started + resumed) ÷ planned projects, percent.")
    stages = StageFigureSerializer(many=True)
