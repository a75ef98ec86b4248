from django.urls import path

from . import views

urlpatterns = [
    path("regions/<str:code>/", views.region_overview, name="region_overview"),
]
