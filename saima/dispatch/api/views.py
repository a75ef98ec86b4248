from datetime import date

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from saima.accounts import access
from saima.accounts.api.permissions import require, require_anywhere
from saima.audit.models import Source
from saima.core.api.conflict import Conflict
from saima.core.errors import VersionConflict
from saima.core.replica import ReplicaReads
from saima.dispatch import services
from saima.dispatch.models import Filing, FilingPhoto, Period, PeriodSnapshot
from saima.dispatch.views import photo_response
from saima.figures import snapshots
from saima.figures.pace import cumulative_subquery, filing_figures, pace_figures
from saima.projects.models import Project
from saima.regions.models import Region

from .serializers import (
    CorrectionSerializer,
    FilingSerializer,
    FilingWriteSerializer,
    MissingCorrectionSerializer,
    PeriodSerializer,
    PhotoSerializer,
    PhotoUploadSerializer,
    ReturnSerializer,
    RhythmSerializer,
    SnapshotSerializer,
    figures_json,
)


class PeriodFilter(filters.FilterSet):
    region = filters.CharFilter(field_name="region__code")
    year = filters.NumberFilter()
    state = filters.CharFilter()
    rhythm = filters.CharFilter()

    class Meta:
        model = Period
        fields = ["region", "year", "state", "rhythm"]


class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    """Reporting periods of the regions in scope (and of the regions above them)."""

    serializer_class = PeriodSerializer
    filterset_class = PeriodFilter

    def get_queryset(self):
        return Period.objects.visible_to(self.request.user).select_related("region")

    @extend_schema(request=None, responses=PeriodSerializer)
    @action(detail=True, methods=["post"])
    def open(self, request, pk=None):
        period = services.open_period(self.get_object(), request.user, Source.API)
        return Response(PeriodSerializer(period).data)

    @extend_schema(request=None, responses=PeriodSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        period = services.close_period(self.get_object(), request.user, Source.API)
        return Response(PeriodSerializer(period).data)

    @extend_schema(request=RhythmSerializer, responses=PeriodSerializer(many=True))
    @action(detail=False, methods=["post"])
    def rhythm(self, request):
        """Choose a region's rhythm for a year; creates the year's periods."""
        require_anywhere(request.user, "close_period")
        body = RhythmSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        region = _region_or_400(request.user, body.validated_data["region"])
        year = body.validated_data["year"]
        services.set_rhythm(region, year, body.validated_data["rhythm"], request.user, Source.API)
        periods = Period.objects.filter(region=region, year=year)
        return Response(PeriodSerializer(periods, many=True).data, status=status.HTTP_201_CREATED)


def _region_or_400(user, code):
    region = Region.objects.filter(code=str(code).strip()).first()
    if region is None or not access.can_see_region(user, region):
        raise ValidationError(
            {"region": _("未知的行政区划代码或不在您的权限范围内：%(c)s") % {"c": code}}
        )
    return region


class FilingFilter(filters.FilterSet):
    period = filters.NumberFilter()
    project = filters.NumberFilter()
    state = filters.CharFilter()
    region = filters.CharFilter(method="filter_region")
    year = filters.NumberFilter(field_name="period__year")

    class Meta:
        model = Filing
        fields = ["period", "project", "state", "region", "year"]

    def filter_region(self, queryset, name, value):
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            return queryset.none()
        return queryset.filter(project__region__code__startswith=region.prefix)


class FilingViewSet(viewsets.ReadOnlyModelViewSet):
    """Progress filings. Writes go through the same rules as the pages: draft → submitted →
    returned (reason) → submitted → accepted; a closed period only takes a correction."""

    filterset_class = FilingFilter
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            Filing.objects.visible_to(self.request.user)
            .select_related("project", "period__region")
            .prefetch_related("photos")
            .annotate(cumulative=cumulative_subquery())
            .order_by("-period__end", "project_id")
        )

    def get_serializer_class(self):
        return FilingSerializer if self.request.method in ("GET", "HEAD") else FilingWriteSerializer

    def _save(self, request, project, period, filing=None):
        body = FilingWriteSerializer(data=request.data, partial=filing is not None)
        body.is_valid(raise_exception=True)
        v = body.validated_data
        data = {k: v[k] for k in ("amount_wan", "progress", "next_steps") if k in v}
        photos = request.FILES.getlist("photos")
        try:
            if filing is not None and "version" in v and v["version"] != filing.version:
                raise VersionConflict
            filing = services.file_filing(
                project,
                period,
                data,
                request.user,
                Source.API,
                photos=photos,
                confirmed=v.get("confirm_amount", False),
                submit_now=v.get("submit", False),
            )
        except VersionConflict:
            raise Conflict from None
        return Filing.objects.get(pk=filing.pk)

    @extend_schema(request=FilingWriteSerializer, responses={201: FilingSerializer})
    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, "file")
        body = _body(request)
        ids = {key: str(body.get(key, "")) for key in ("project", "period")}
        ids = {key: int(v) if v.isdigit() and len(v) < 10 else 0 for key, v in ids.items()}
        project = Project.objects.visible_to(request.user).filter(pk=ids["project"])
        period = Period.objects.visible_to(request.user).filter(pk=ids["period"])
        errors = {}
        if not project.exists():
            errors["project"] = [_("项目不存在或不在您的权限范围内")]
        if not period.exists():
            errors["period"] = [_("填报期不存在或不在您的权限范围内")]
        if errors:
            raise ValidationError(errors)
        filing = self._save(request, project.get(), period.get())
        return Response(FilingSerializer(filing).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=FilingWriteSerializer, responses=FilingSerializer)
    def partial_update(self, request, *args, **kwargs):
        filing = self.get_object()
        filing = self._save(request, filing.project, filing.period, filing)
        return Response(FilingSerializer(filing).data)

    @extend_schema(request=FilingWriteSerializer, responses=FilingSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        confirmed = str(_body(request).get("confirm_amount", "")).lower() in ("1", "true")
        filing = services.submit(self.get_object(), request.user, Source.API, confirmed)
        return Response(FilingSerializer(filing).data)

    @extend_schema(request=ReturnSerializer, responses=FilingSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        reason = str(_body(request).get("reason", ""))
        filing = services.return_filing(self.get_object(), reason, request.user, Source.API)
        return Response(FilingSerializer(filing).data)

    @extend_schema(request=None, responses=FilingSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        filing = services.accept(self.get_object(), request.user, Source.API)
        return Response(FilingSerializer(filing).data)

    @extend_schema(request=CorrectionSerializer, responses=FilingSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        filing = self.get_object()
        require(request.user, "correct", project=filing.project)
        body = CorrectionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        v = body.validated_data
        data = {k: v[k] for k in ("amount_wan", "progress", "next_steps") if k in v}
        filing = services.correct(
            filing.project,
            filing.period,
            data,
            v["reason"],
            request.user,
            Source.API,
            v["confirm_amount"],
        )
        return Response(FilingSerializer(Filing.objects.get(pk=filing.pk)).data)

    @extend_schema(request=MissingCorrectionSerializer, responses={201: FilingSerializer})
    @action(detail=False, methods=["post"])
    def corrections(self, request):
        """Supply, by an audited correction, a filing missing from a closed period."""
        require_anywhere(request.user, "correct")
        body = MissingCorrectionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        v = body.validated_data
        project = Project.objects.visible_to(request.user).filter(pk=v["project"]).first()
        period = Period.objects.visible_to(request.user).filter(pk=v["period"]).first()
        if project is None:
            raise ValidationError({"project": _("项目不存在或不在您的权限范围内")})
        if period is None:
            raise ValidationError({"period": _("填报期不存在或不在您的权限范围内")})
        data = {k: v[k] for k in ("amount_wan", "progress", "next_steps") if k in v}
        filing = services.correct(
            project, period, data, v["reason"], request.user, Source.API, v["confirm_amount"]
        )
        return Response(
            FilingSerializer(Filing.objects.get(pk=filing.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        request={"multipart/form-data": PhotoUploadSerializer}, responses=PhotoSerializer(many=True)
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def photos(self, request, pk=None):
        """Upload site photos (multipart field `photos`, several allowed)."""
        filing = self.get_object()
        require(request.user, "file", project=filing.project)
        uploads = request.FILES.getlist("photos")
        if not uploads:
            raise ValidationError({"photos": _("请选择要上传的照片")})
        made = services.upload_photos(filing, uploads, request.user, Source.API)
        return Response(PhotoSerializer(made, many=True).data, status=status.HTTP_201_CREATED)


class FilingPhotoView(APIView):
    """The photo file itself (image/jpeg, image/png or image/webp), for those who may see it."""

    @extend_schema(responses={(200, "image/*"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        item = get_object_or_404(FilingPhoto, pk=pk)
        if not Filing.objects.visible_to(request.user).filter(pk=item.filing_id).exists():
            raise Http404
        return photo_response(item)


class SnapshotViewSet(viewsets.ReadOnlyModelViewSet):
    """Frozen period figures of the regions in scope; `all=1` lists earlier versions too."""

    serializer_class = SnapshotSerializer
    filterset_fields = ["period", "region", "version"]

    def get_queryset(self):
        qs = PeriodSnapshot.objects.select_related("period").order_by(
            "period__end", "region", "-version"
        )
        if not access.is_admin(self.request.user):
            qs = qs.filter(region__in=access.visible_regions(self.request.user))
        if self.action == "list" and self.request.query_params.get("all") != "1":
            qs = qs.filter(is_current=True)
        return qs


class PaceView(ReplicaReads, APIView):
    """Investment pace of a region: for a period (frozen figures once it closed, with
    year-on-year and filing figures) or for a year up to an as-of date."""

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str, required=True, description="行政区划代码"),
            OpenApiParameter("period", int, description="填报期ID"),
            OpenApiParameter("year", int, description="年度（不给填报期时）"),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="截至日期，默认今天"),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        region = _region_or_400(request.user, request.query_params.get("region", ""))
        period_id = request.query_params.get("period")
        if period_id:
            period = (
                Period.objects.visible_to(request.user).filter(pk=period_id).first()
                if period_id.isdigit()
                else None
            )
            if period is None:
                raise ValidationError({"period": _("填报期不存在或不在您的权限范围内")})
            figures, snap = snapshots.figures_for(region, period)
            yoy = snapshots.year_on_year(region, period)
            return Response(
                {
                    "region": region.code,
                    "period": period.pk,
                    "period_label": period.label,
                    "frozen": snap is not None,
                    "snapshot_version": snap.version if snap else None,
                    "figures": figures_json({k: _plain(v) for k, v in figures.items()}),
                    "year_on_year": {
                        k: {
                            "last": _api(c.last),
                            "change": _api(c.change),
                            "growth_pct": _api(c.growth),
                        }
                        for k, c in yoy.items()
                    },
                }
            )
        as_of = _date_or_400(request.query_params.get("as_of"))
        year = request.query_params.get("year") or str(as_of.year)
        if not year.isdigit():
            raise ValidationError({"year": _("年度应为四位数字")})
        pace = pace_figures(region, int(year), as_of)
        return Response(
            {
                "region": region.code,
                "year": int(year),
                "as_of": pace.as_of.isoformat(),
                "basis": pace.basis,
                "completed_wan": _api(pace.completed_wan),
                "annual_plan_wan": _api(pace.annual_plan_wan),
                "completion_rate": _api(pace.completion_rate),
                "time_progress": _api(pace.time_progress),
                "ahead_points": _api(pace.ahead_points),
            }
        )


def _plain(value):
    return str(value) if hasattr(value, "as_tuple") else value


def _api(value):
    if value is None or isinstance(value, int):
        return value
    from saima.core.numbers import api_decimal

    return api_decimal(value)


def _date_or_400(text):
    if not text:
        return timezone.localdate()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError({"as_of": _("日期格式应为YYYY-MM-DD")}) from None


class FilingFiguresView(ReplicaReads, APIView):
    """Reports due, filed on time, late and missing for a period and region."""

    @extend_schema(
        parameters=[
            OpenApiParameter("region", str, required=True),
            OpenApiParameter("period", int, required=True),
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        region = _region_or_400(request.user, request.query_params.get("region", ""))
        pid = request.query_params.get("period", "")
        period = (
            Period.objects.visible_to(request.user).filter(pk=pid).first()
            if pid.isdigit()
            else None
        )
        if period is None:
            raise ValidationError({"period": _("填报期不存在或不在您的权限范围内")})
        f = filing_figures(region, period)
        return Response({"due": f.due, "on_time": f.on_time, "late": f.late, "missing": f.missing})


def _body(request) -> dict:
    """The request body as a mapping (a JSON list or scalar has no fields)."""
    return request.data if isinstance(request.data, dict) else {}
