from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from saima.accounts.models import User
from saima.regions.models import Department

from ..actions import available
from ..models import Attachment, Category, Event, Problem


@extend_schema_serializer(component_name="ProblemEvent")
class EventSerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Event
        fields = ["at", "actor_name", "kind", "kind_display", "state", "level", "note"]


class AttachmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attachment
        fields = ["id", "name", "uploaded_at"]


class ProblemSerializer(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name", read_only=True)
    region = serializers.CharField(source="project.region_id", read_only=True)
    category = serializers.CharField(source="category.name", read_only=True)
    raised_by = serializers.CharField(read_only=True)
    escalated_to = serializers.CharField(read_only=True, allow_null=True)
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Problem
        fields = [
            "id",
            "project",
            "project_name",
            "region",
            "category",
            "description",
            "raised_by",
            "raised_on",
            "assigned_unit",
            "assignee",
            "level",
            "escalated_to",
            "deadline",
            "state",
            "is_overdue",
            "resolution",
            "resolved_on",
            "confirmed_on",
            "version",
            "actions",
        ]
        read_only_fields = fields

    def get_actions(self, obj) -> list[str]:
        ladders = self.context.setdefault("ladders", {})
        return available(self.context["request"].user, obj, ladders)


class ProblemDetailSerializer(ProblemSerializer):
    events = EventSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta(ProblemSerializer.Meta):
        fields = [*ProblemSerializer.Meta.fields, "events", "attachments"]
        read_only_fields = fields


class ProblemCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField(label=_("项目"))
    category = serializers.SlugRelatedField(
        label=_("问题类别"), slug_field="name", queryset=Category.objects.filter(active=True)
    )
    description = serializers.CharField(label=_("问题描述"))
    assigned_unit = serializers.PrimaryKeyRelatedField(
        label=_("责任单位"), queryset=Department.objects.all(), required=False, allow_null=True
    )
    assignee = serializers.PrimaryKeyRelatedField(
        label=_("责任人"), queryset=User.objects.all(), required=False, allow_null=True
    )
    deadline = serializers.DateField(label=_("办理期限"), required=False, allow_null=True)


class ActionSerializer(serializers.Serializer):
    text = serializers.CharField(
        label=_("说明"),
        required=False,
        allow_blank=True,
        help_text=_("resolve: 办理情况（必填）；reject/escalate: 理由（必填）"),
    )
    assigned_unit = serializers.PrimaryKeyRelatedField(
        label=_("责任单位"), queryset=Department.objects.all(), required=False, allow_null=True
    )
    assignee = serializers.PrimaryKeyRelatedField(
        label=_("责任人"), queryset=User.objects.all(), required=False, allow_null=True
    )
    version = serializers.IntegerField(label=_("版本"), required=False)


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "name"]


class RungSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    holder = serializers.CharField(help_text=_("unit_head / leader / person"))
    holder_display = serializers.CharField()
    title = serializers.CharField()
    person = serializers.CharField(allow_null=True, help_text=_("指定人员的用户名"))
    working_days = serializers.IntegerField(help_text=_("本级办理时限（工作日），从上一级期限起计"))
    total_working_days = serializers.IntegerField(help_text=_("自提出起至本级期限的累计工作日"))


class LadderSerializer(serializers.Serializer):
    """A region's escalation ladder in force: its own, or the one it inherits."""

    region = serializers.CharField()
    own = serializers.BooleanField(help_text=_("本区划单独设置"))
    inherited_from = serializers.CharField(
        allow_null=True, help_text=_("沿用的上级区划代码；本区划单独设置或系统默认时为 null")
    )
    is_default = serializers.BooleanField(help_text=_("沿用系统默认规则"))
    levels = RungSerializer(many=True)
