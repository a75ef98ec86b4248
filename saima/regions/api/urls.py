from django.urls import path

from . import views

urlpatterns = [
    path("regions", views.RegionList.as_view(), name="api_regions"),
    path("regions/<str:code>", views.RegionDetail.as_view(), name="api_region"),
    path(
        "regions/<str:code>/departments",
        views.DepartmentList.as_view(),
        name="api_region_departments",
    ),
]
