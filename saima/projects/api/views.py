"""The ledger API: projects, their stages and history, annual plans, targets, reserve pools.

Every list is filtered by the one access rule; a single object is fetched from that filtered
queryset, so one outside the caller's scope is 404; an action the caller's role does not
allow is 403. Writes go through saima.projects.services with source "api" (audited).
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from saima.accounts.access import project_scope_q, visible_regions
from saima.accounts.api.permissions import require, require_anywhere
from saima.audit.models import AuditEntry, Source
from saima.projects import services
from saima.projects.filtersets import ProjectFilterSet
from saima.projects.models import AnnualPlan, Project, ReserveEntry, StageEvent, Target

from .filtersets import AnnualPlanFilterSet, ReserveEntryFilterSet, TargetFilterSet
from .serializers import (
    AnnualPlanSerializer,
    AuditEntrySerializer,
    ProjectChangeSerializer,
    ProjectSerializer,
    ReserveEntrySerializer,
    StageEventSerializer,
    StageRecordSerializer,
    TargetSerializer,
)

API = Source.API
NO_PUT = ["get", "patch", "delete", "head", "options"]
VERSION_PARAM = OpenApiParameter(
    "version",
    OpenApiTypes.INT,
    description="The `version` read with the record; a stale one is answered with 409.",
)


RELATED = ("region", "leader", "secretary", "department")


def visible_projects(user, one=False):
    """Projects in the user's scope with what the serializer reads. For a page of the list
    the region, people and unit are fetched apart (joined, PostgreSQL sorts a whole county
    instead of walking the region-name index); for `one` project they are joined in."""
    # Stage dates by date alone: the model's ordering starts with the project's (a join).
    stages = Prefetch("stage_events", queryset=StageEvent.objects.order_by("date", "id"))
    projects = Project.objects.visible_to(user).prefetch_related("funding_channels", stages)
    if one:
        return projects.select_related(*RELATED)
    return projects.prefetch_related(*RELATED)


def plans_in_scope(user):
    scope = project_scope_q(user, "view", "project__region__code")
    return AnnualPlan.objects.filter(scope).select_related("project")


def targets_in_scope(user):
    return Target.objects.filter(region__in=visible_regions(user)).select_related("region")


def reserves_in_scope(user):
    scope = project_scope_q(user, "view", "project__region__code")
    return ReserveEntry.objects.filter(scope).select_related("project", "channel")


def expected_version(request) -> int:
    """The `version` the caller read (in the body, or the query string for DELETE)."""
    value = request.data.get("version") if hasattr(request.data, "get") else None
    if value in (None, ""):
        value = request.query_params.get("version")
    if value in (None, ""):
        raise ValidationError({"version": [_("必须提供读取记录时的版本号，以免覆盖他人的修改")]})
    try:
        version = int(value)
    except (TypeError, ValueError):
        version = 0
    if version < 1:
        raise ValidationError({"version": [_("版本号应为正整数")]})
    return version


@extend_schema_view(
    get=extend_schema(summary="List projects in scope"),
    post=extend_schema(summary="Create a project (needs change rights in its region)"),
)
class ProjectList(generics.ListCreateAPIView):
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet

    def get_queryset(self):
        return visible_projects(self.request.user)

    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, "change_project")
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = serializer.validated_data
        require(self.request.user, "change_project", region=data["region"])
        serializer.instance = services.create_project(data, self.request.user, API)


@extend_schema_view(
    get=extend_schema(summary="Read a project"),
    patch=extend_schema(
        summary="Change a project",
        description="Send the `version` you read; 409 when stale.",
        request=ProjectChangeSerializer,
        responses=ProjectSerializer,
    ),
    delete=extend_schema(summary="Delete a project", parameters=[VERSION_PARAM]),
)
class ProjectDetail(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = ProjectSerializer
    http_method_names = NO_PUT
    conflict_methods = ("PATCH", "DELETE")

    def get_queryset(self):
        return visible_projects(self.request.user, one=True)

    def update(self, request, *args, **kwargs):
        project = self.get_object()
        require(request.user, "change_project", project=project)
        version = expected_version(request)
        context = self.get_serializer_context()
        serializer = ProjectChangeSerializer(
            project, data=request.data, partial=True, context=context
        )
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        if "region" in data:
            require(request.user, "change_project", region=data["region"])
        project = services.update_project(project, data, request.user, API, version)
        return Response(
            self.get_serializer(visible_projects(request.user, one=True).get(pk=project.pk)).data
        )

    def destroy(self, request, *args, **kwargs):
        project = self.get_object()
        require(request.user, "delete_project", project=project)
        services.delete_project(project, request.user, API, expected_version(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(summary="The audit trail of a project (newest first)")
class ProjectHistory(generics.ListAPIView):
    serializer_class = AuditEntrySerializer
    filter_backends = []

    def get_queryset(self):
        project = get_object_or_404(
            Project.objects.visible_to(self.request.user), pk=self.kwargs["pk"]
        )
        return AuditEntry.objects.filter(project_id=project.pk).select_related("actor")


@extend_schema_view(
    get=extend_schema(
        summary="The stage history of a project", responses=StageEventSerializer(many=True)
    ),
    post=extend_schema(
        summary="Record (or correct) the date a project reached a stage",
        request=StageEventSerializer,
        responses={201: StageRecordSerializer, 200: StageRecordSerializer},
    ),
)
class ProjectStages(generics.GenericAPIView):
    serializer_class = StageEventSerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return visible_projects(self.request.user, one=True)

    def get(self, request, *args, **kwargs):
        project = self.get_object()
        return Response(StageEventSerializer(project.stage_events.all(), many=True).data)

    def post(self, request, *args, **kwargs):
        project = self.get_object()
        require(request.user, "add_stage", project=project)
        serializer = StageEventSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        existed = project.stage_events.filter(stage=data["stage"]).exists()
        event = services.set_stage(
            project, data["stage"], data["date"], request.user, API, note=data.get("note", "")
        )
        event.project = visible_projects(request.user, one=True).get(pk=project.pk)
        body = StageRecordSerializer(event, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)


class PlanList(generics.ListCreateAPIView):
    """Annual plan entries (年度计划) of the projects in scope."""

    serializer_class = AnnualPlanSerializer
    filterset_class = AnnualPlanFilterSet

    def get_queryset(self):
        return plans_in_scope(self.request.user)

    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, "manage_plan")
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        require(self.request.user, "manage_plan", project=serializer.validated_data["project"])
        serializer.instance = services.save_plan(
            None, serializer.validated_data, self.request.user, API
        )


class PlanDetail(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = AnnualPlanSerializer
    http_method_names = NO_PUT

    def get_queryset(self):
        return plans_in_scope(self.request.user)

    def update(self, request, *args, **kwargs):
        require(request.user, "manage_plan", project=self.get_object().project)
        return super().update(request, *args, **kwargs)

    def perform_update(self, serializer):
        data = serializer.validated_data
        if "project" in data:
            require(self.request.user, "manage_plan", project=data["project"])
        serializer.instance = services.save_plan(serializer.instance, data, self.request.user, API)

    def perform_destroy(self, instance):
        require(self.request.user, "manage_plan", project=instance.project)
        services.delete_record(instance, self.request.user, API)


class TargetList(generics.ListCreateAPIView):
    """Targets (目标任务) per region, year and stage, for the regions in scope."""

    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet

    def get_queryset(self):
        return targets_in_scope(self.request.user)

    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, "manage_target")
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        require(self.request.user, "manage_target", region=serializer.validated_data["region"])
        serializer.instance = services.save_target(
            None, serializer.validated_data, self.request.user, API
        )


class TargetDetail(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = TargetSerializer
    http_method_names = NO_PUT

    def get_queryset(self):
        return targets_in_scope(self.request.user)

    def update(self, request, *args, **kwargs):
        require(request.user, "manage_target", region=self.get_object().region)
        return super().update(request, *args, **kwargs)

    def perform_update(self, serializer):
        data = serializer.validated_data
        if "region" in data:
            require(self.request.user, "manage_target", region=data["region"])
        serializer.instance = services.save_target(
            serializer.instance, data, self.request.user, API
        )

    def perform_destroy(self, instance):
        require(self.request.user, "manage_target", region=instance.region)
        services.delete_record(instance, self.request.user, API)


class ReserveList(generics.ListCreateAPIView):
    """Reserve pools (储备库): projects by funding channel with their rolling status."""

    serializer_class = ReserveEntrySerializer
    filterset_class = ReserveEntryFilterSet

    def get_queryset(self):
        return reserves_in_scope(self.request.user)

    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, "manage_reserve")
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        require(self.request.user, "manage_reserve", project=serializer.validated_data["project"])
        serializer.instance = services.save_reserve(
            None, serializer.validated_data, self.request.user, API
        )


class ReserveDetail(generics.RetrieveUpdateDestroyAPIView):
    serializer_class = ReserveEntrySerializer
    http_method_names = NO_PUT

    def get_queryset(self):
        return reserves_in_scope(self.request.user)

    def update(self, request, *args, **kwargs):
        require(request.user, "manage_reserve", project=self.get_object().project)
        return super().update(request, *args, **kwargs)

    def perform_update(self, serializer):
        data = serializer.validated_data
        if "project" in data:
            require(self.request.user, "manage_reserve", project=data["project"])
        serializer.instance = services.save_reserve(
            serializer.instance, data, self.request.user, API
        )

    def perform_destroy(self, instance):
        require(self.request.user, "manage_reserve", project=instance.project)
        services.delete_record(instance, self.request.user, API)
