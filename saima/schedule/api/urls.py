from rest_framework.routers import SimpleRouter

from .views import ApprovalTypeViewSet, ApprovalViewSet, MilestoneViewSet

router = SimpleRouter()
router.register("approval-types", ApprovalTypeViewSet, basename="approval-type")
router.register("approvals", ApprovalViewSet, basename="approval")
router.register("milestones", MilestoneViewSet, basename="milestone")
urlpatterns = router.urls
