from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_upload, name="ledger_import"),
    path("import/<int:pk>/", views.import_job, name="ledger_job"),
    path("import/<int:pk>/mapping/", views.import_mapping, name="ledger_job_mapping"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="ledger_job_confirm"),
    path("export/", views.export, name="ledger_export"),
]
