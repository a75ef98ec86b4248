from django.urls import path

from . import views

urlpatterns = [
    path("schemes/", views.SchemeList.as_view(), name="api_scheme_list"),
    path("schemes/<int:pk>/", views.SchemeDetail.as_view(), name="api_scheme_detail"),
    path("schemes/<int:pk>/revise/", views.SchemeRevise.as_view(), name="api_scheme_revise"),
    path("rankings/", views.RankingView.as_view(), name="api_ranking"),
    path("rankings/publish/", views.RankingPublish.as_view(), name="api_ranking_publish"),
    path("briefings/", views.BriefingView.as_view(), name="api_briefing"),
    path("briefings/publish/", views.BriefingPublish.as_view(), name="api_briefing_publish"),
    path("briefings/docx/", views.BriefingDocx.as_view(), name="api_briefing_docx"),
]
