from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from saima.core.numbers import api_decimal
from saima.events.models import Campaign, GroundbreakingEvent
from saima.figures.events import totals_of
from saima.regions.models import Region


class EventSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    region_name = serializers.CharField(source="region.name", read_only=True)
    projects = serializers.SerializerMethodField(help_text=_("活动中您权限范围内的项目ID"))
    totals = serializers.SerializerMethodField(
        help_text=_("由台账计算的合计：项目个数、总投资（万元）、活动当年的年度计划投资（万元）")
    )

    class Meta:
        model = GroundbreakingEvent
        fields = ["id", "region", "region_name", "date", "name", "projects", "totals"]
        validators = []

    def get_projects(self, obj) -> list[int]:
        return [p.pk for p in obj.projects.all()]

    def get_totals(self, obj) -> dict:
        totals = self.context.get("totals", {}).get(obj.pk) or totals_of(obj)
        return {
            "projects": totals.projects,
            "total_investment_wan": api_decimal(totals.total_investment_wan),
            "annual_plan_wan": api_decimal(totals.annual_plan_wan),
        }


class AddProjectsSerializer(serializers.Serializer):
    projects = serializers.ListField(
        child=serializers.IntegerField(), allow_empty=False, help_text=_("要加入活动的项目ID")
    )


class CampaignSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    region_name = serializers.CharField(source="region.name", read_only=True)
    progress = serializers.SerializerMethodField(
        help_text=_("由台账计算的进度：区间内开工项目数及其总投资、完成率（%）、时间进度（%）")
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "region",
            "region_name",
            "name",
            "starts_on",
            "ends_on",
            "target_started",
            "target_investment_wan",
            "note",
            "progress",
        ]
        validators = []

    def get_progress(self, obj) -> dict:
        from saima.figures.events import campaign_progress

        p = campaign_progress(obj, self.context["today"])
        return {
            "as_of": p.as_of.isoformat(),
            "started": p.started,
            "started_investment_wan": api_decimal(p.started_investment_wan),
            "started_completion": api_decimal(p.started_completion),
            "investment_completion": api_decimal(p.investment_completion),
            "time_progress": api_decimal(p.time_progress),
        }
