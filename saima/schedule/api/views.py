from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from saima.accounts import access
from saima.accounts.access import project_scope_q
from saima.accounts.api.permissions import require_anywhere
from saima.audit.models import Source
from saima.core.numbers import api_decimal
from saima.figures.approvals import approval_figures
from saima.projects.models import Project
from saima.regions.models import Region
from saima.schedule import services
from saima.schedule.filtersets import ApprovalFilterSet, MilestoneFilterSet
from saima.schedule.models import ApprovalRequirement, ApprovalType, Milestone, ProjectApproval

from .serializers import (
    ApprovalFiguresQuerySerializer,
    ApprovalFiguresSerializer,
    ApprovalSerializer,
    ApprovalTypeSerializer,
    MilestoneSerializer,
)


class ApprovalTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The configurable list of approval types (前期手续) and the project categories that
    require each."""

    serializer_class = ApprovalTypeSerializer
    queryset = ApprovalType.objects.all()
    pagination_class = None

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["requirements"] = list(ApprovalRequirement.objects.all())
        return context


class _ScheduleItemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Items of projects in the caller's scope; changing them needs `manage_schedule`."""

    model = None
    save = None
    related = ()

    def get_queryset(self):
        scope = project_scope_q(self.request.user, "view", "project__region__code")
        return self.model.objects.filter(scope).select_related("project", *self.related)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = timezone.localdate()
        context["project_scope"] = Project.objects.visible_to(self.request.user)
        return context

    def _check(self, project):
        if not access.can(self.request.user, "manage_schedule", project=project):
            raise PermissionDenied

    def _data(self, serializer):
        return {k: v for k, v in serializer.validated_data.items() if k != "project"}

    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, "manage_schedule")
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        self._check(self.get_object().project)
        return super().update(request, *args, **kwargs)

    def perform_create(self, serializer):
        project = serializer.validated_data["project"]
        self._check(project)
        serializer.instance = type(self).save(
            None, self._data(serializer), self.request.user, Source.API, project=project
        )

    def perform_update(self, serializer):
        self._check(serializer.instance.project)
        serializer.instance = type(self).save(
            serializer.instance, self._data(serializer), self.request.user, Source.API
        )

    def perform_destroy(self, instance):
        self._check(instance.project)
        services.delete_item(instance, self.request.user, Source.API)


class ApprovalViewSet(_ScheduleItemViewSet):
    """Approvals (前期手续) of projects: planned and obtained dates, responsible office."""

    model = ProjectApproval
    serializer_class = ApprovalSerializer
    filterset_class = ApprovalFilterSet
    related = ("approval_type",)
    save = staticmethod(services.save_approval)


class MilestoneViewSet(_ScheduleItemViewSet):
    """Construction milestones (主体封顶, 设备安装, 竣工验收, 投产 …) of projects."""

    model = Milestone
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    save = staticmethod(services.save_milestone)


@extend_schema(parameters=[ApprovalFiguresQuerySerializer], responses=ApprovalFiguresSerializer)
@api_view(["GET"])
def approval_figures_view(request):
    """前期手续完成率 of a region (with everything below it) as of a date, over the projects
    in the caller's scope."""
    query = ApprovalFiguresQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    params = query.validated_data
    region = Region.objects.filter(code=params["region"]).first()
    if region is None:
        raise NotFound(_("未知的行政区划代码：%(code)s") % {"code": params["region"]})
    if not access.can_see_region(request.user, region):
        raise PermissionDenied
    figures = approval_figures(
        region,
        params["as_of"],
        new_of_year=params.get("new_of_year"),
        min_total_wan=params.get("min_total_wan"),
        projects=Project.objects.visible_to(request.user),
    )
    return Response(
        {
            "region": region.code,
            "as_of": figures.as_of.isoformat(),
            "new_of_year": figures.year,
            "projects": figures.projects,
            "required": figures.required,
            "obtained": figures.obtained,
            "completion": api_decimal(figures.completion),
        }
    )
