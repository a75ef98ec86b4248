from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from saima.projects.models import Project
from saima.schedule.models import ApprovalRequirement, ApprovalType, Milestone, ProjectApproval


class ApprovalTypeSerializer(serializers.ModelSerializer):
    required_for = serializers.SerializerMethodField(
        help_text=_("要求此手续的项目类别（空为默认）")
    )

    class Meta:
        model = ApprovalType
        fields = ["id", "name", "order", "required_for"]

    def get_required_for(self, obj) -> list[str]:
        requirements = self.context.get("requirements")
        if requirements is None:
            requirements = ApprovalRequirement.objects.all()
        return [r.category for r in requirements if r.approval_type_id == obj.pk]


class _ItemSerializer(serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.none())
    overdue = serializers.SerializerMethodField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The project is chosen among those the caller may change; others read as "not found".
        scope = self.context.get("project_scope")
        if scope is not None:
            self.fields["project"].queryset = scope
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            self.fields["project"].read_only = True

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(self.context["today"])


class ApprovalSerializer(_ItemSerializer):
    approval_type_name = serializers.CharField(source="approval_type.name", read_only=True)

    class Meta:
        model = ProjectApproval
        fields = [
            "id",
            "project",
            "approval_type",
            "approval_type_name",
            "planned_on",
            "obtained_on",
            "department",
            "office",
            "note",
            "overdue",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        validators = []  # uniqueness is checked (with a Chinese message) by the service


class MilestoneSerializer(_ItemSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id",
            "project",
            "kind",
            "planned_on",
            "actual_on",
            "department",
            "owner",
            "note",
            "overdue",
            "updated_at",
        ]
        read_only_fields = ["updated_at"]
        validators = []


class ApprovalFiguresQuerySerializer(serializers.Serializer):
    region = serializers.CharField(help_text=_("行政区划代码（含下级）"))
    as_of = serializers.DateField(help_text=_("截至日期"))
    new_of_year = serializers.IntegerField(
        required=False, min_value=2000, max_value=2100, help_text=_("只计该年度计划中的新建项目")
    )
    min_total_wan = serializers.DecimalField(
        max_digits=18,
        decimal_places=4,
        required=False,
        min_value=0,
        help_text=_("总投资下限（万元）"),
    )


class ApprovalFiguresSerializer(serializers.Serializer):
    region = serializers.CharField()
    as_of = serializers.DateField()
    new_of_year = serializers.IntegerField(allow_null=True)
    projects = serializers.IntegerField()
    required = serializers.IntegerField()
    obtained = serializers.IntegerField()
    completion = serializers.CharField(
        allow_null=True, help_text=_("前期手续完成率（%），精确到四位小数")
    )
