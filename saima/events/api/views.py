from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from saima.accounts import access
from saima.accounts.api.permissions import require_anywhere
from saima.audit.models import Source
from saima.events import services
from saima.events.filtersets import CampaignFilterSet, EventFilterSet
from saima.events.models import Campaign, GroundbreakingEvent
from saima.figures.events import event_totals
from saima.projects.models import Project

from .serializers import AddProjectsSerializer, CampaignSerializer, EventSerializer


class _RegionScopedViewSet(viewsets.ModelViewSet):
    """Records of the regions in the caller's scope; changing them needs `manage_action` in
    the record's region."""

    manage_action = None
    service = None
    remove = None

    def get_queryset(self):
        regions = access.visible_regions(self.request.user)
        return self.model.objects.filter(region__in=regions).select_related("region")

    def _check(self, region):
        if not access.can(self.request.user, self.manage_action, region=region):
            raise PermissionDenied

    def create(self, request, *args, **kwargs):
        require_anywhere(request.user, self.manage_action)
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        self._check(serializer.validated_data["region"])
        serializer.instance = type(self).service(
            None, dict(serializer.validated_data), self.request.user, Source.API
        )

    def perform_update(self, serializer):
        self._check(serializer.instance.region)
        if "region" in serializer.validated_data:
            self._check(serializer.validated_data["region"])
        serializer.instance = type(self).service(
            serializer.instance, dict(serializer.validated_data), self.request.user, Source.API
        )

    def perform_destroy(self, instance):
        self._check(instance.region)
        type(self).remove(instance, self.request.user, Source.API)


class EventViewSet(_RegionScopedViewSet):
    """Concentrated groundbreakings (集中开工) with totals computed from the ledger."""

    model = GroundbreakingEvent
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    manage_action = "manage_event"
    service = staticmethod(services.save_event)
    remove = staticmethod(services.delete_event)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        visible = Project.objects.visible_to(self.request.user)
        return super().get_queryset().prefetch_related(Prefetch("projects", queryset=visible))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self.totals = event_totals(page if page is not None else queryset)
        return page

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["totals"] = getattr(self, "totals", {})
        return context

    @extend_schema(request=AddProjectsSerializer, responses=EventSerializer)
    @action(detail=True, methods=["post"], url_path="add-projects")
    def add_projects(self, request, pk=None):
        """Add projects to the event; their 开工 date becomes the event's date."""
        event = self.get_object()
        self._check(event.region)
        body = AddProjectsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        ids = body.validated_data["projects"]
        found = Project.objects.visible_to(request.user, "manage_event").filter(pk__in=ids)
        missing = sorted(set(ids) - {p.pk for p in found})
        if missing:
            raise ValidationError(
                {
                    "projects": _("项目ID %(ids)s 不存在或不在您的权限范围内")
                    % {"ids": "、".join(map(str, missing))}
                }
            )
        services.add_projects(event, found, request.user, Source.API)
        event = self.get_queryset().get(pk=event.pk)
        return Response(self.get_serializer(event).data)

    @extend_schema(request=AddProjectsSerializer, responses=EventSerializer)
    @action(detail=True, methods=["post"], url_path="remove-projects")
    def remove_projects(self, request, pk=None):
        """Take projects off the event (their 开工 dates stay in the ledger)."""
        event = self.get_object()
        self._check(event.region)
        body = AddProjectsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        listed = event.projects.filter(pk__in=body.validated_data["projects"])
        for project in listed:
            services.remove_project(event, project, request.user, Source.API)
        event = self.get_queryset().get(pk=event.pk)
        return Response(self.get_serializer(event).data)


class CampaignViewSet(_RegionScopedViewSet):
    """Campaigns (e.g. 百日攻坚) with targets and progress computed from the ledger."""

    model = Campaign
    serializer_class = CampaignSerializer
    filterset_class = CampaignFilterSet
    manage_action = "manage_campaign"
    service = staticmethod(services.save_campaign)
    remove = staticmethod(services.delete_campaign)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["today"] = timezone.localdate()
        return context
