from django.urls import path

from . import views

urlpatterns = [
    path("groundbreakings/", views.event_home, name="event_home"),
    path("regions/<str:code>/groundbreakings/", views.event_list, name="event_list"),
    path("groundbreakings/<int:pk>/", views.event_detail, name="event_detail"),
    path(
        "groundbreakings/<int:pk>/remove/<int:project_pk>/",
        views.event_remove_project,
        name="event_remove_project",
    ),
    path("regions/<str:code>/campaigns/", views.campaign_list, name="campaign_list"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign_detail"),
]
