from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from saima.accounts.access import can, can_see_region, is_admin, visible_regions
from saima.audit.models import Source
from saima.core.replica import ReplicaReads
from saima.regions.models import Region

from .. import document, services
from ..briefing import content_for
from ..models import Scheme
from ..periods import Period
from ..scoring import ranking_for
from .serializers import (
    BriefingSerializer,
    PeriodSerializer,
    RankingSerializer,
    SchemeSerializer,
    SchemeWriteSerializer,
    ranking_data,
)

PERIOD_PARAMS = [
    OpenApiParameter("region", str, required=True, description="区划代码"),
    OpenApiParameter("period", str, required=True, description="2022-03、2022-Q1、2022、2022-W10"),
]


def visible_region(user, code) -> Region:
    region = Region.objects.filter(code=code or "").first()
    if region is None or not can_see_region(user, region):
        raise Http404
    return region


def require(user, action, region) -> None:
    if not can(user, action, region=region):
        raise PermissionDenied


def _region_period(request, data) -> tuple[Region, Period]:
    params = PeriodSerializer(data=data)
    params.is_valid(raise_exception=True)
    region = visible_region(request.user, params.validated_data["region"])
    return region, Period.parse(params.validated_data["period"])


def _schemes(user):
    schemes = Scheme.objects.prefetch_related("indicators", "leagues__members")
    if is_admin(user):
        return schemes
    return schemes.filter(region__in=visible_regions(user))


class SchemeList(ListAPIView):
    """Scoring schemes (all versions) of the regions in the caller's scope; POST creates one
    (the next version if the region already has a scheme for that year)."""

    serializer_class = SchemeSerializer
    filterset_fields = ["region", "year"]

    def get_queryset(self):
        return _schemes(self.request.user)

    @extend_schema(request=SchemeWriteSerializer, responses={201: SchemeSerializer})
    def post(self, request):
        data = SchemeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        if not data.validated_data.get("region"):
            raise ValidationError({"region": _("新建方案须填写区划代码")})
        region = visible_region(request.user, data.validated_data.get("region"))
        require(request.user, "manage_scheme", region)
        scheme = services.create_scheme(
            region,
            data.validated_data.get("year") or 0,
            _plain(data.validated_data),
            request.user,
            Source.API,
        )
        return Response(SchemeSerializer(scheme).data, status=status.HTTP_201_CREATED)


def _plain(validated) -> dict:
    return {
        "name": validated.get("name"),
        "note": validated.get("note"),
        "indicators": [dict(i) for i in validated["indicators"]]
        if "indicators" in validated
        else None,
        "leagues": [dict(lg) for lg in validated["leagues"]] if "leagues" in validated else None,
    }


class SchemeDetail(RetrieveAPIView):
    serializer_class = SchemeSerializer

    def get_queryset(self):
        return _schemes(self.request.user)


class SchemeRevise(APIView):
    """Change a scheme: a draft (latest) version changes in place (200); a published one is
    kept and the change becomes the next version (201)."""

    @extend_schema(
        request=SchemeWriteSerializer, responses={200: SchemeSerializer, 201: SchemeSerializer}
    )
    def post(self, request, pk):
        scheme = get_object_or_404(_schemes(request.user), pk=pk)
        require(request.user, "manage_scheme", scheme.region)
        data = SchemeWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plain = {k: v for k, v in _plain(data.validated_data).items() if v is not None}
        saved = services.revise_scheme(scheme, plain, request.user, Source.API)
        code = status.HTTP_200_OK if saved.pk == scheme.pk else status.HTTP_201_CREATED
        return Response(SchemeSerializer(saved).data, status=code)


class RankingView(ReplicaReads, APIView):
    """A period's ranking: the latest publication, else computed now with the current scheme
    (`publication` is null)."""

    @extend_schema(parameters=PERIOD_PARAMS, responses=RankingSerializer)
    def get(self, request):
        region, period = _region_period(request, request.query_params)
        ranking = ranking_for(region, period)
        if ranking is None:
            raise Http404
        return Response(RankingSerializer(ranking_data(ranking)).data)


class RankingPublish(APIView):
    """Freeze the period's ranking (re-publishing adds a new publication, keeping the old)."""

    @extend_schema(request=PeriodSerializer, responses={201: RankingSerializer})
    def post(self, request):
        region, period = _region_period(request, request.data)
        require(request.user, "publish", region)
        services.publish_ranking(region, period, request.user, Source.API)
        ranking = ranking_for(region, period)
        return Response(
            RankingSerializer(ranking_data(ranking)).data, status=status.HTTP_201_CREATED
        )


NOT_PUBLISHED = gettext_lazy("本期简报尚未发布：未发布的预览只给能查看整个地区台账的角色看。")


class BriefingView(ReplicaReads, APIView):
    """The briefing's content: the latest published version, else a preview."""

    @extend_schema(parameters=PERIOD_PARAMS, responses=BriefingSerializer)
    def get(self, request):
        region, period = _region_period(request, request.query_params)
        content, published = content_for(region, period, request.user)
        if content is None:
            raise NotFound(NOT_PUBLISHED)
        return Response(
            {
                "published": published is not None,
                "version": published.version if published else None,
                "content": content,
            }
        )


class BriefingPublish(APIView):
    @extend_schema(request=PeriodSerializer, responses={201: BriefingSerializer})
    def post(self, request):
        region, period = _region_period(request, request.data)
        require(request.user, "publish", region)
        briefing = services.publish_briefing(region, period, request.user, Source.API)
        return Response(
            {"published": True, "version": briefing.version, "content": briefing.content},
            status=status.HTTP_201_CREATED,
        )


class BriefingDocx(ReplicaReads, APIView):
    """The briefing as a .docx (GB/T 9704 layout)."""

    @extend_schema(
        parameters=PERIOD_PARAMS,
        responses={
            (
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ): OpenApiTypes.BINARY
        },
    )
    def get(self, request):
        region, period = _region_period(request, request.query_params)
        content, _published = content_for(region, period, request.user)
        if content is None:
            raise NotFound(NOT_PUBLISHED)
        response = HttpResponse(
            document.render(content),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="briefing-{region.code}-{period}.docx"'
        )
        return response
