from django.urls import path

from . import views

urlpatterns = [
    path("wall/", views.wall_home, name="wall_home"),
    path("regions/<str:code>/wall/", views.wall_chart, name="wall_chart"),
    path("projects/<int:pk>/schedule/", views.project_schedule, name="project_schedule"),
    path("projects/<int:pk>/schedule/required/", views.add_required, name="project_add_required"),
    path("projects/<int:pk>/approvals/new/", views.approval_edit, name="approval_create"),
    path("projects/<int:pk>/approvals/<int:item_pk>/", views.approval_edit, name="approval_edit"),
    path("projects/<int:pk>/milestones/new/", views.milestone_edit, name="milestone_create"),
    path(
        "projects/<int:pk>/milestones/<int:item_pk>/", views.milestone_edit, name="milestone_edit"
    ),
]
