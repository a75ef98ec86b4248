from rest_framework.routers import SimpleRouter

from .views import CampaignViewSet, EventViewSet

router = SimpleRouter(trailing_slash=False)
router.register("groundbreakings", EventViewSet, basename="groundbreaking")
router.register("campaigns", CampaignViewSet, basename="campaign")
urlpatterns = router.urls
