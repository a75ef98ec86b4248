from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from saima.core.numbers import api_decimal
from saima.dispatch.choices import Rhythm
from saima.dispatch.models import Filing, FilingPhoto, Period, PeriodSnapshot
from saima.figures.pace import project_cumulative
from saima.figures.snapshots import decode, kind_of


class PeriodSerializer(serializers.ModelSerializer):
    region_name = serializers.CharField(source="region.name", read_only=True)
    label = serializers.CharField(read_only=True)

    class Meta:
        model = Period
        fields = [
            "id",
            "region",
            "region_name",
            "year",
            "rhythm",
            "seq",
            "label",
            "start",
            "end",
            "deadline",
            "state",
            "opened_at",
            "closed_at",
        ]
        read_only_fields = fields


class RhythmSerializer(serializers.Serializer):
    region = serializers.CharField(help_text=_("行政区划代码"))
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    rhythm = serializers.ChoiceField(choices=Rhythm.choices, default=Rhythm.MONTHLY)


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = FilingPhoto
        fields = ["id", "url", "content_type", "width", "height", "size", "created_at"]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return reverse("api-filing-photo", kwargs={"pk": obj.pk})


class FilingSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    period_label = serializers.CharField(source="period.label", read_only=True)
    cumulative_wan = serializers.SerializerMethodField(
        help_text=_("本年累计完成投资（万元，系统计算：本期及以前已提交、已通过的填报）")
    )
    photos = PhotoSerializer(many=True, read_only=True)

    class Meta:
        model = Filing
        fields = [
            "id",
            "project",
            "project_name",
            "period",
            "period_label",
            "state",
            "amount_wan",
            "cumulative_wan",
            "progress",
            "next_steps",
            "first_submitted_at",
            "submitted_at",
            "is_late",
            "return_reason",
            "reviewed_at",
            "correction_note",
            "version",
            "photos",
        ]
        read_only_fields = fields

    def get_cumulative_wan(self, obj) -> str:
        value = getattr(obj, "cumulative", None)
        if value is None:
            value = project_cumulative(obj.project, obj.period.year, obj.period.end)
        return api_decimal(value)


class FilingWriteSerializer(serializers.Serializer):
    """A draft for a project and period (created or changed); `submit` submits it too."""

    project = serializers.IntegerField(required=False)
    period = serializers.IntegerField(required=False)
    amount_wan = serializers.DecimalField(max_digits=18, decimal_places=4, required=False)
    progress = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    next_steps = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    confirm_amount = serializers.BooleanField(
        default=False, help_text=_("金额超过项目剩余投资时须为true")
    )
    submit = serializers.BooleanField(default=False)
    version = serializers.IntegerField(required=False, help_text=_("修改时的版本号（乐观锁）"))


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CorrectionSerializer(serializers.Serializer):
    amount_wan = serializers.DecimalField(max_digits=18, decimal_places=4, required=False)
    progress = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    next_steps = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    reason = serializers.CharField(max_length=2000)
    confirm_amount = serializers.BooleanField(default=False)


class MissingCorrectionSerializer(CorrectionSerializer):
    project = serializers.IntegerField()
    period = serializers.IntegerField()


class PhotoUploadSerializer(serializers.Serializer):
    photos = serializers.ListField(child=serializers.FileField(), allow_empty=False)


def figures_json(figures: dict) -> dict:
    """Decimals as strings with four places (the API's rule); counts and text as they are."""
    out = {}
    for key, value in decode(figures).items():
        if value is not None and kind_of(key, value) in ("amount", "rate"):
            value = api_decimal(value)
        out[key] = value
    return out


class SnapshotSerializer(serializers.ModelSerializer):
    period_label = serializers.CharField(source="period.label", read_only=True)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = PeriodSnapshot
        fields = [
            "id",
            "period",
            "period_label",
            "region",
            "version",
            "is_current",
            "figures",
            "reason",
            "source",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "object", "additionalProperties": True})
    def get_figures(self, obj) -> dict:
        return figures_json(obj.figures)
