from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from saima.accounts import access
from saima.accounts.api.permissions import require_anywhere
from saima.audit.models import Source

from .. import jobs, services
from ..models import BulkRun, Letter
from .serializers import (
    BulkRunSerializer,
    BulkSerializer,
    IssueSerializer,
    LetterSerializer,
    ReplySerializer,
)


class LetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Reminder and supervision letters; `unanswered=1` lists those not replied to."""

    serializer_class = LetterSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no user
            return Letter.objects.none()
        letters = Letter.objects.visible_to(self.request.user).select_related("region", "unit")
        if self.request.query_params.get("unanswered") in ("1", "true"):
            letters = letters.filter(replied_at__isnull=True)
        return letters

    def retrieve(self, request, *args, **kwargs):
        letter = self.get_object()
        services.mark_read(letter, request.user)
        letter.refresh_from_db()
        return Response(self.get_serializer(letter).data)

    @extend_schema(request=IssueSerializer, responses={201: LetterSerializer})
    def create(self, request):
        """Issue a letter to a region or unit listing what lags there."""
        require_anywhere(request.user, "send_letters")
        serializer = IssueSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        letter = services.issue_letter(
            data["region"], request.user, Source.API, unit=data.get("unit"), kind=data["kind"]
        )
        return Response(self.get_serializer(letter).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=BulkSerializer, responses={202: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["post"])
    def bulk(self, request):
        """Queue letters to every lagging county under a region (a background job)."""
        require_anywhere(request.user, "send_letters")
        serializer = BulkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        region, kind = serializer.validated_data["region"], serializer.validated_data["kind"]
        if not access.can(request.user, "send_letters", region=region):
            raise PermissionDenied
        run, task = jobs.start(region, request.user, kind, timezone.localdate())
        return Response({"task": task, "run": run.pk}, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=BulkRunSerializer)
    @action(detail=False, methods=["get"], url_path=r"bulk/(?P<run>[0-9]+)", url_name="bulk-run")
    def bulk_run(self, request, run=None):
        """A request for letters in bulk made by the caller (the `run` that `bulk` returned):
        排队中 queued, 处理中 running, 已完成 done, 失败 failed."""
        found = get_object_or_404(BulkRun, pk=run, requested_by=request.user)
        return Response(BulkRunSerializer(found).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        """The letter as a .docx file."""
        letter = self.get_object()
        services.mark_read(letter, request.user)
        return FileResponse(
            letter.file.open("rb"), as_attachment=True, filename=f"{letter.reference}.docx"
        )

    @extend_schema(request=ReplySerializer, responses={200: LetterSerializer})
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        """The addressed region or unit replies (整改落实情况)."""
        letter = self.get_object()
        if not access.can_on_letter(request.user, "reply_letter", letter):
            raise PermissionDenied
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        letter = services.reply(
            letter, serializer.validated_data["reply"], request.user, Source.API
        )
        return Response(self.get_serializer(letter).data)
