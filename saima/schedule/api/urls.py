from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ApprovalTypeViewSet, ApprovalViewSet, MilestoneViewSet, approval_figures_view

router = SimpleRouter(trailing_slash=False)
router.register("approval-types", ApprovalTypeViewSet, basename="approval-type")
router.register("approvals", ApprovalViewSet, basename="approval")
router.register("milestones", MilestoneViewSet, basename="milestone")
urlpatterns = [
    path("approval-figures", approval_figures_view, name="approval-figures"),
    *router.urls,
]
