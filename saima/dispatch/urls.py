from django.urls import path

from . import views

app_name = "dispatch"

urlpatterns = [
    path("", views.my_filings, name="my_filings"),
    path("file/<int:period_pk>/<int:project_pk>/", views.filing_form, name="filing_form"),
    path("filings/<int:pk>/", views.filing_detail, name="filing_detail"),
    path("filings/<int:pk>/review/", views.filing_review, name="filing_review"),
    path("filings/<int:pk>/correct/", views.filing_correct, name="filing_correct"),
    path("review/", views.review_queue, name="review_queue"),
    path("periods/", views.period_list, name="period_list"),
    path("periods/<int:pk>/", views.period_detail, name="period_detail"),
    path("periods/<int:pk>/state/", views.period_state, name="period_state"),
    path(
        "periods/<int:period_pk>/correct/<int:project_pk>/",
        views.missing_correct,
        name="missing_correct",
    ),
    path("photos/<int:pk>/", views.photo, name="photo"),
    path("photos/<int:pk>/delete/", views.photo_delete, name="photo_delete"),
    path("pace/<str:code>/", views.region_pace, name="region_pace"),
]
