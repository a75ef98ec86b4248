from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from saima.core import views as core_views

api_patterns = [
    path("openapi.json", SpectacularAPIView.as_view(), name="openapi"),
    path("ranking/", include("saima.ranking.api.urls")),
]

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("ranking/", include("saima.ranking.urls")),
    path("api/v1/", include(api_patterns)),
]
