import os
import tempfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saima.accounts import access
from saima.core.replica import reads_from_replica
from saima.projects.filtersets import ProjectFilterSet
from saima.projects.models import Project
from saima.regions.models import Region

from . import jobs
from .exporter import export_ledger, ledger_title
from .forms import MappingForm, UploadForm
from .models import ImportJob, JobStatus


def _importer(request):
    if not access.can_anywhere(request.user, "import_ledger"):
        raise PermissionDenied


@login_required
def import_upload(request):
    _importer(request)
    form = UploadForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            job = form.save()
            jobs.enqueue(job)
        return redirect("ledger_job", pk=job.pk)
    recent = ImportJob.objects.filter(user=request.user)[:10]
    return render(
        request,
        "ledger/import.html",
        {
            "form": form,
            "recent": recent,
            "regions": form.regions.values(),
            "year": timezone.localdate().year,
        },
    )


def _job_context(job):
    report = job.get_report()
    done, total = jobs.read_progress(job) if job.busy else (job.rows_done, job.rows_total)
    percent = min(100, round(done * 100 / total)) if total else 0
    mapping = MappingForm(report.columns) if report and report.columns else None
    return {
        "job": job,
        "report": report,
        "done": done,
        "total": total,
        "percent": percent,
        "mapping": mapping,
        "retry_at": (retry_at := jobs.retry_expected_at(job)),
        "retry_overdue": retry_at is not None and retry_at < timezone.now(),
        "last_attempt": job.attempts >= settings.Q_CLUSTER["max_attempts"],
    }


@login_required
def import_job(request, pk):
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    context = _job_context(job)
    if request.htmx:
        return render(request, "ledger/_job.html", context)
    return render(request, "ledger/job.html", context)


@login_required
@require_POST
def import_mapping(request, pk):
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    report = job.get_report()
    if job.busy or report is None:
        return redirect("ledger_job", pk=job.pk)
    form = MappingForm(report.columns, request.POST)
    if form.is_valid():
        job.overrides = form.overrides()
        job.dry_run, job.status, job.report = True, JobStatus.QUEUED, {}
        with transaction.atomic():
            job.save(update_fields=["overrides", "dry_run", "status", "report"])
            jobs.enqueue(job)
    return redirect("ledger_job", pk=job.pk)


@login_required
@require_POST
def import_confirm(request, pk):
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    report = job.get_report()
    if job.status != JobStatus.PREVIEWED or report is None or not report.ok:
        messages.error(request, _("只有预览无误的文件才能导入"))
        return redirect("ledger_job", pk=job.pk)
    job.dry_run, job.status = False, JobStatus.QUEUED
    with transaction.atomic():  # the job's new state and its queued task, or neither
        job.save(update_fields=["dry_run", "status"])
        jobs.enqueue(job)
    return redirect("ledger_job", pk=job.pk)


@login_required
@reads_from_replica
def export(request):
    """The project list's filters (same query string as /projects/) → the ledger in Excel."""
    filterset = ProjectFilterSet(
        request.GET, queryset=Project.objects.visible_to(request.user), request=request
    )
    try:
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        queryset = filterset.qs
    except ValidationError as err:
        return HttpResponseBadRequest(
            "; ".join(err.messages), content_type="text/plain; charset=utf-8"
        )
    year = filterset.form.cleaned_data.get("year") or timezone.localdate().year
    code = (request.GET.get("region") or "").strip()
    region = Region.objects.filter(code=code).first() if code else access.home_region(request.user)
    title = ledger_title(region, int(year), queryset)
    with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as tmp:
        path = tmp.name
    try:
        export_ledger(queryset, path, year=int(year), region=region)
        handle = open(path, "rb")  # noqa: SIM115 (FileResponse closes it)
    finally:
        os.unlink(path)
    return FileResponse(handle, as_attachment=True, filename=f"{title}.xlsx")
