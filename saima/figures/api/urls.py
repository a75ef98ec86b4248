from django.urls import path

from . import views

urlpatterns = [path("figures", views.Figures.as_view(), name="api_figures")]
