from django.urls import path

from . import views

urlpatterns = [
    path("projects", views.ProjectList.as_view(), name="api_projects"),
    path("projects/<int:pk>", views.ProjectDetail.as_view(), name="api_project"),
    path("projects/<int:pk>/history", views.ProjectHistory.as_view(), name="api_project_history"),
    path("projects/<int:pk>/stages", views.ProjectStages.as_view(), name="api_project_stages"),
    path("plans", views.PlanList.as_view(), name="api_plans"),
    path("plans/<int:pk>", views.PlanDetail.as_view(), name="api_plan"),
    path("targets", views.TargetList.as_view(), name="api_targets"),
    path("targets/<int:pk>", views.TargetDetail.as_view(), name="api_target"),
    path("reserves", views.ReserveList.as_view(), name="api_reserves"),
    path("reserves/<int:pk>", views.ReserveDetail.as_view(), name="api_reserve"),
]
