from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

# Paths without trailing slashes, like the rest of the API.
router = SimpleRouter(trailing_slash=False)
router.register("periods", views.PeriodViewSet, basename="api-period")
router.register("filings", views.FilingViewSet, basename="api-filing")
router.register("snapshots", views.SnapshotViewSet, basename="api-snapshot")

urlpatterns = [
    path("filing-photos/<int:pk>", views.FilingPhotoView.as_view(), name="api-filing-photo"),
    path("pace", views.PaceView.as_view(), name="api-pace"),
    path("filing-figures", views.FilingFiguresView.as_view(), name="api-filing-figures"),
    *router.urls,
]
