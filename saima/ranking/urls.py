from django.urls import path

from . import views

app_name = "ranking"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/", views.dashboard, name="dashboard"),
    path("<str:code>/csv/<str:chart>/", views.dashboard_csv, name="dashboard_csv"),
    path("<str:code>/ranking/", views.ranking, name="ranking"),
    path("<str:code>/ranking/publish/", views.publish_ranking, name="publish_ranking"),
    path("<str:code>/schemes/", views.schemes, name="schemes"),
    path("<str:code>/schemes/new/", views.scheme_edit, name="scheme_create"),
    path("<str:code>/schemes/<int:pk>/", views.scheme_edit, name="scheme_edit"),
    path("<str:code>/briefing/", views.briefing, name="briefing"),
    path("<str:code>/briefing/docx/", views.briefing_docx, name="briefing_docx"),
    path("<str:code>/briefing/publish/", views.publish_briefing, name="publish_briefing"),
    path("<str:code>/templates/", views.sentence_templates, name="templates"),
]
