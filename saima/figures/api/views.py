from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from saima.accounts.access import can_see_region
from saima.core.replica import ReplicaReads
from saima.figures.cache import cached
from saima.figures.summary import figures_dict

from .serializers import FiguresQuerySerializer, FiguresSerializer


class Figures(ReplicaReads, APIView):
    """Ledger figures of a region (with everything below it) for a year, up to a date."""

    @extend_schema(parameters=[FiguresQuerySerializer], responses=FiguresSerializer)
    def get(self, request):
        query = FiguresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = dict(query.validated_data)
        region = params.pop("region")
        if not can_see_region(request.user, region):
            raise NotFound(_("未找到该区划"))
        return Response(cached(figures_dict, region, **params))
