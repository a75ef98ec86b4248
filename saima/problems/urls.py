from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_problems, name="my_problems"),
    path("board/<str:code>/", views.board, name="problem_board"),
    path("ladder/<str:code>/", views.ladder, name="problem_ladder"),
    path("ladder/<str:code>/inherit/", views.ladder_inherit, name="problem_ladder_inherit"),
    path("raise/", views.raise_pick, name="problem_raise_pick"),
    path("raise/<int:project_pk>/", views.raise_problem, name="problem_raise"),
    path("<int:pk>/", views.detail, name="problem_detail"),
    path("<int:pk>/act/<str:action>/", views.act, name="problem_act"),
    path("<int:pk>/attach/", views.attach, name="problem_attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="problem_attachment"),
]
