from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("periods", views.PeriodViewSet, basename="api-period")
router.register("filings", views.FilingViewSet, basename="api-filing")
router.register("snapshots", views.SnapshotViewSet, basename="api-snapshot")

urlpatterns = [
    path("", include(router.urls)),
    path("filing-photos/<int:pk>/", views.FilingPhotoView.as_view(), name="api-filing-photo"),
    path("pace/", views.PaceView.as_view(), name="api-pace"),
    path("filing-figures/", views.FilingFiguresView.as_view(), name="api-filing-figures"),
]
