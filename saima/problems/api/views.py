from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from saima.accounts import access
from saima.accounts.api.permissions import require_anywhere
from saima.audit.models import Source
from saima.core.api.conflict import Conflict
from saima.core.errors import VersionConflict
from saima.projects.models import Project

from .. import actions, services
from ..filtersets import ProblemFilterSet
from ..ladder import resolve, rung_rows
from ..models import Attachment, Category, Problem
from .serializers import (
    ActionSerializer,
    AttachmentSerializer,
    CategorySerializer,
    LadderSerializer,
    ProblemCreateSerializer,
    ProblemDetailSerializer,
    ProblemSerializer,
)

ACTION_PATTERN = "|".join(actions.ACTION_NAMES)


class ProblemViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Problems (问题清单) the caller sees; `mine=raised|assigned|escalated` for 我的问题."""

    filterset_class = ProblemFilterSet

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Problem.objects.none()
        return (
            Problem.objects.visible_to(self.request.user)
            .select_related("project__region", "category", "raised_by", "escalated_to")
            .order_by("-raised_on", "-id")
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ProblemDetailSerializer
        if self.action == "create":
            return ProblemCreateSerializer
        if self.action == "act":
            return ActionSerializer
        if self.action in ("attach", "attachment"):
            return AttachmentSerializer
        return ProblemSerializer

    @extend_schema(request=ProblemCreateSerializer, responses={201: ProblemDetailSerializer})
    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, "raise_problem")
        serializer = ProblemCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        project = get_object_or_404(
            Project.objects.visible_to(request.user), pk=data.pop("project")
        )
        problem = services.raise_problem(project, data, request.user, Source.API)
        body = ProblemDetailSerializer(problem, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ActionSerializer,
        responses={200: ProblemDetailSerializer},
        parameters=[
            OpenApiParameter(
                "name", str, OpenApiParameter.PATH, enum=actions.ACTION_NAMES, description="动作"
            )
        ],
    )
    @action(detail=True, methods=["post"], url_path=f"actions/(?P<name>{ACTION_PATTERN})")
    def act(self, request, pk=None, name=None):
        """Take an action on a problem: start, resolve, confirm, reject, escalate, assign."""
        problem = self.get_object()
        serializer = ActionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            problem = actions.perform(
                name,
                problem,
                request.user,
                Source.API,
                text=data.get("text", ""),
                unit=data.get("assigned_unit"),
                assignee=data.get("assignee"),
                version=data.get("version"),
            )
        except VersionConflict:
            raise Conflict from None
        problem = self.get_queryset().get(pk=problem.pk)
        return Response(ProblemDetailSerializer(problem, context={"request": request}).data)

    @extend_schema(
        request={
            "multipart/form-data": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
                "required": ["file"],
            }
        },
        responses={201: AttachmentSerializer},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser], url_path="attachments")
    def attach(self, request, pk=None):
        """Attach a file (a site photo, a document) to the problem."""
        problem = self.get_object()
        if not access.can_attach(request.user, problem):
            raise PermissionDenied
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": _("请选择要上传的文件")})
        attachment = services.add_attachment(problem, upload, request.user, Source.API)
        return Response(AttachmentSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_id>\d+)")
    def attachment(self, request, pk=None, attachment_id=None):
        """Download one attachment."""
        item = get_object_or_404(Attachment, pk=attachment_id, problem=self.get_object())
        return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.name)


class CategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The configurable list of problem categories."""

    queryset = Category.objects.filter(active=True)
    serializer_class = CategorySerializer
    pagination_class = None


class LadderView(APIView):
    """The escalation ladder in force for a region in scope (its own, or the one it inherits)."""

    @extend_schema(responses={200: LadderSerializer})
    def get(self, request, code):
        region = get_object_or_404(access.visible_regions(request.user), code=code)
        source, rungs = resolve(region)
        levels = [
            {
                "level": row["rung"].level,
                "holder": row["rung"].holder,
                "holder_display": row["holder"],
                "title": row["rung"].title,
                "person": row["person"].username if row["person"] else None,
                "working_days": row["rung"].working_days,
                "total_working_days": row["total"],
            }
            for row in rung_rows(rungs)
        ]
        own = source is not None and source.code == region.code
        body = {
            "region": region.code,
            "own": own,
            "inherited_from": None if own or source is None else source.code,
            "is_default": source is None,
            "levels": levels,
        }
        return Response(LadderSerializer(body).data)
