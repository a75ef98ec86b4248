from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import CategoryViewSet, LadderView, ProblemViewSet

router = SimpleRouter(trailing_slash=False)
router.register("problems", ProblemViewSet, basename="api-problem")
router.register("problem-categories", CategoryViewSet, basename="api-problem-category")
urlpatterns = [
    *router.urls,
    path("problem-ladders/<str:code>", LadderView.as_view(), name="api-problem-ladder"),
]
