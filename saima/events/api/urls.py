from rest_framework.routers import SimpleRouter

from .views import CampaignViewSet, EventViewSet

router = SimpleRouter()
router.register("groundbreakings", EventViewSet, basename="groundbreaking")
router.register("campaigns", CampaignViewSet, basename="campaign")
urlpatterns = router.urls
