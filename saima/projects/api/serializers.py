"""Serializers of the ledger API. Field names are a public contract: extend, never rename.

Serializers only parse and check the shape of input; every write goes through
saima.projects.services (validation of the whole record, one transaction, audit).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from saima.accounts.models import User
from saima.audit.models import AuditEntry
from saima.core.validators import validate_project_code
from saima.projects.models import (
    AnnualPlan,
    FundingChannel,
    Project,
    ReserveEntry,
    StageEvent,
    Target,
)
from saima.regions.models import Department, Region

NOT_NEGATIVE = {"min_value": _("不能为负数")}


def region_field(**kwargs):
    return serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(),
        error_messages={"does_not_exist": _("未知的行政区划代码：{pk_value}")},
        **kwargs,
    )


def person_field(label):
    return serializers.SlugRelatedField(
        label=label,
        help_text="The person's username (null for nobody).",
        slug_field="username",
        queryset=User.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("未知的用户名：{value}")},
    )


class VisibleProjectField(serializers.PrimaryKeyRelatedField):
    """A project id; projects outside the caller's scope do not exist for it."""

    default_error_messages = {"does_not_exist": _("未知的项目：{pk_value}")}

    def get_queryset(self):
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return Project.objects.none()
        return Project.objects.visible_to(user)


class ProjectSerializer(serializers.ModelSerializer):
    code = serializers.CharField(
        label=_("项目代码"),
        max_length=24,
        required=False,
        allow_blank=True,
        allow_null=True,
        validators=[validate_project_code],
    )
    region = region_field(label=_("所在区划"))
    region_name = serializers.CharField(source="region.name", read_only=True)
    funding_channels = serializers.SlugRelatedField(
        label=_("资金渠道"),
        slug_field="name",
        many=True,
        required=False,
        queryset=FundingChannel.objects.all(),
        error_messages={"does_not_exist": _("未知的资金渠道：{value}")},
    )
    leader = person_field(_("包保领导"))
    leader_name = serializers.CharField(source="leader", read_only=True, allow_null=True)
    department = serializers.PrimaryKeyRelatedField(
        label=_("责任单位"),
        help_text="Id of the responsible unit (see /api/v1/regions/{code}/departments).",
        queryset=Department.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": _("未知的责任单位：{pk_value}")},
    )
    department_name = serializers.CharField(source="department", read_only=True, allow_null=True)
    secretary = person_field(_("项目秘书"))
    secretary_name = serializers.CharField(source="secretary", read_only=True, allow_null=True)
    stage_dates = serializers.SerializerMethodField(
        help_text='Date each stage was reached, e.g. {"签约": "2022-01-10"}.'
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "region",
            "content",
            "industry",
            "nature",
            "category",
            "owner_name",
            "owner_uscc",
            "total_investment_wan",
            "land_mu",
            "funding_channels",
            "plan_level",
            "leader",
            "department",
            "secretary",
            "stage",
            "version",
            "is_generated",
            # Extensions beyond the contract.
            "region_name",
            "leader_name",
            "department_name",
            "secretary_name",
            "location",
            "stage_dates",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["stage", "version", "is_generated", "created_at", "updated_at"]
        extra_kwargs = {
            "total_investment_wan": {"error_messages": NOT_NEGATIVE},
            "land_mu": {"error_messages": NOT_NEGATIVE},
        }

    def get_stage_dates(self, project) -> dict[str, str]:
        return {e.stage: e.date.isoformat() for e in project.stage_events.all()}

    def validate_code(self, value):
        value = (value or "").strip() or None
        if value:
            others = Project.objects.filter(code=value)
            if self.instance is not None:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise serializers.ValidationError(_("项目代码已被其他项目使用"))
        return value


class StageEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = StageEvent
        fields = ["id", "stage", "date", "note"]
        # The project and the stage are unique together; set_stage corrects an existing date.
        validators = []


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "source",
            "action",
            "model",
            "object_id",
            "object_repr",
            "project_id",
            "changes",
        ]


class AnnualPlanSerializer(serializers.ModelSerializer):
    project = VisibleProjectField(label=_("项目"))
    project_name = serializers.CharField(source="project.name", read_only=True)
    region = serializers.CharField(source="project.region_id", read_only=True)

    class Meta:
        model = AnnualPlan
        fields = [
            "id",
            "project",
            "year",
            "nature",
            "annual_plan_wan",
            "resumed_on",
            # Extensions.
            "project_name",
            "region",
        ]
        extra_kwargs = {"annual_plan_wan": {"error_messages": NOT_NEGATIVE}}
        validators = []  # uniqueness is checked below with the ledger's own message

    def validate(self, attrs):
        project = attrs.get("project", getattr(self.instance, "project", None))
        year = attrs.get("year", getattr(self.instance, "year", None))
        others = AnnualPlan.objects.filter(project=project, year=year)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError({"year": _("该项目已列入该年度计划")})
        return attrs


class TargetSerializer(serializers.ModelSerializer):
    region = region_field(label=_("区划"))
    region_name = serializers.CharField(source="region.name", read_only=True)

    class Meta:
        model = Target
        fields = ["id", "region", "year", "stage", "count", "investment_wan", "region_name"]
        extra_kwargs = {
            "investment_wan": {"error_messages": NOT_NEGATIVE},
            "year": {"min_value": 2000, "max_value": 2100},
        }
        validators = []

    def validate(self, attrs):
        keys = {
            k: attrs.get(k, getattr(self.instance, k, None)) for k in ("region", "year", "stage")
        }
        others = Target.objects.filter(**keys)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError({"stage": _("该区划该年度已有此阶段的目标")})
        return attrs


class ReserveEntrySerializer(serializers.ModelSerializer):
    project = VisibleProjectField(label=_("项目"))
    project_name = serializers.CharField(source="project.name", read_only=True)
    region = serializers.CharField(source="project.region_id", read_only=True)
    channel = serializers.SlugRelatedField(
        label=_("资金渠道"),
        slug_field="name",
        queryset=FundingChannel.objects.all(),
        error_messages={"does_not_exist": _("未知的资金渠道：{value}")},
    )

    class Meta:
        model = ReserveEntry
        fields = [
            "id",
            "project",
            "channel",
            "status",
            "note",
            "updated_at",
            "project_name",
            "region",
        ]
        validators = []

    def validate(self, attrs):
        project = attrs.get("project", getattr(self.instance, "project", None))
        channel = attrs.get("channel", getattr(self.instance, "channel", None))
        others = ReserveEntry.objects.filter(project=project, channel=channel)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise serializers.ValidationError({"channel": _("该项目已在此资金渠道的储备库中")})
        return attrs


class StageRecordSerializer(StageEventSerializer):
    """A recorded stage, with the project as it now stands (its new `stage` and `version`)."""

    project = ProjectSerializer(read_only=True)

    class Meta(StageEventSerializer.Meta):
        fields = [*StageEventSerializer.Meta.fields, "project"]


class ProjectChangeSerializer(ProjectSerializer):
    """A PATCH of a project: any writable field, plus the `version` the caller read."""

    version = serializers.IntegerField(
        min_value=1,
        help_text="The `version` read with the project; a stale one is answered with 409.",
    )

    class Meta(ProjectSerializer.Meta):
        read_only_fields = ["stage", "is_generated", "created_at", "updated_at"]
