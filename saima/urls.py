from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView

from saima.core import views as core_views

api_patterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("", include("saima.regions.api.urls")),
    path("", include("saima.projects.api.urls")),
    path("", include("saima.figures.api.urls")),
    path("", include("saima.schedule.api.urls")),
    path("", include("saima.events.api.urls")),
    path("", include("saima.problems.api.urls")),
    path("", include("saima.letters.api.urls")),
    path("", include("saima.dispatch.api.urls")),
    path("ranking/", include("saima.ranking.api.urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("overview/", core_views.overview, name="overview"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("saima.figures.urls")),
    path("", include("saima.projects.urls")),
    path("problems/", include("saima.problems.urls")),
    path("letters/", include("saima.letters.urls")),
    path("inbox/", include("saima.notifications.urls")),
    path("ledger/", include("saima.ledger.urls")),
    path("ranking/", include("saima.ranking.urls")),
    path("api/v1/", include(api_patterns)),
    path("", include("saima.schedule.urls")),
    path("", include("saima.events.urls")),
    path("dispatch/", include("saima.dispatch.urls")),
]
