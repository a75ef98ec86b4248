"""The site's URLs plus a stand-in `project_list` (made by the pages app) for drill-down."""

from django.http import HttpResponse
from django.urls import path

from saima.urls import urlpatterns as site

urlpatterns = [*site, path("projects/", lambda r: HttpResponse("projects"), name="project_list")]
urlpatterns.append(
    path("projects/<int:pk>/", lambda r, pk: HttpResponse("project"), name="project_detail")
)
