from django.urls import path

from .views import ledger, planning, records

urlpatterns = [
    path("projects/", ledger.project_list, name="project_list"),
    path("projects/new/", ledger.project_create, name="project_create"),
    path("projects/<int:pk>/", ledger.project_detail, name="project_detail"),
    path("projects/<int:pk>/edit/", ledger.project_edit, name="project_edit"),
    path("projects/<int:pk>/stages/", records.project_stage, name="project_stage"),
    path("projects/<int:pk>/plans/new/", records.plan_edit, name="plan_create"),
    path("projects/<int:pk>/plans/<int:plan_pk>/edit/", records.plan_edit, name="plan_edit"),
    path("projects/<int:pk>/reserve/new/", records.reserve_create, name="reserve_create"),
    path("reserve/", planning.reserve_pool, name="reserve_pool"),
    path("reserve/<int:entry_pk>/edit/", records.reserve_edit, name="reserve_edit"),
    path("targets/", planning.target_list, name="target_list"),
    path("targets/set/", planning.target_set, name="target_set"),
]
