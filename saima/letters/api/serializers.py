from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from saima.regions.models import Department, Region

from ..models import BulkRun, Kind, Letter


class LetterSerializer(serializers.ModelSerializer):
    addressee = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = Letter
        fields = [
            "id",
            "kind",
            "reference",
            "region",
            "unit",
            "addressee",
            "period",
            "issued_on",
            "reply_due",
            "sent_at",
            "read_at",
            "replied_at",
            "reply",
            "status",
            "sections",
            "download",
        ]
        read_only_fields = fields

    def get_download(self, obj) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/letters/{obj.pk}/download")


class IssueSerializer(serializers.Serializer):
    region = serializers.SlugRelatedField(
        label=_("致送区划"), slug_field="code", queryset=Region.objects.all()
    )
    unit = serializers.PrimaryKeyRelatedField(
        label=_("致送单位"), queryset=Department.objects.all(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(label=_("文种"), choices=Kind.choices, default=Kind.NOTICE)


class BulkSerializer(serializers.Serializer):
    region = serializers.SlugRelatedField(
        label=_("上级区划"), slug_field="code", queryset=Region.objects.all()
    )
    kind = serializers.ChoiceField(label=_("文种"), choices=Kind.choices, default=Kind.NOTICE)


class ReplySerializer(serializers.Serializer):
    reply = serializers.CharField(label=_("回复内容"))


class BulkRunSerializer(serializers.ModelSerializer):
    """A request for letters in bulk: its state and, once done, what it issued and skipped."""

    skipped = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        read_only=True,
        help_text=_("跳过的县区及原因：[[县区, 原因], …]"),
    )
    issued = serializers.ListField(
        child=serializers.CharField(), read_only=True, help_text=_("发出的函件的发文字号")
    )

    class Meta:
        model = BulkRun
        fields = [
            "id",
            "region",
            "kind",
            "as_of",
            "status",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
            "issued",
            "skipped",
            "error",
        ]
        read_only_fields = fields
