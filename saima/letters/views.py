from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saima.accounts import access
from saima.audit.models import Source

from . import jobs, services
from .forms import BulkForm, IssueForm, ReplyForm
from .models import BulkRun, Letter


def _issuable_regions(user):
    """Regions the user may send letters to."""
    return access.regions_where(user, "send_letters")


def _messages(exc):
    return (
        [m for msgs in exc.message_dict.values() for m in msgs]
        if hasattr(exc, "error_dict")
        else exc.messages
    )


@login_required
def letter_list(request):
    letters = Letter.objects.visible_to(request.user).select_related("region", "unit")
    can_send = access.can_anywhere(request.user, "send_letters")
    regions = _issuable_regions(request.user)
    unanswered = letters.filter(replied_at__isnull=True) if can_send else letters.none()
    return render(
        request,
        "letters/list.html",
        {
            "letters": letters[:300],
            "unanswered": unanswered,
            "today": timezone.localdate(),
            "can_send": can_send,
            "issue_form": IssueForm(regions=regions) if can_send else None,
            "bulk_form": BulkForm(regions=regions.exclude(level="county")) if can_send else None,
            "runs": BulkRun.objects.filter(requested_by=request.user).select_related("region")[:5],
        },
    )


@login_required
@require_POST
def letter_issue(request):
    if not access.can_anywhere(request.user, "send_letters"):
        raise PermissionDenied
    form = IssueForm(request.POST, regions=_issuable_regions(request.user))
    if not form.is_valid():
        messages.error(request, _("请选择您有权发函的区划"))
        return redirect("letter_list")
    data = form.cleaned_data
    try:
        letter = services.issue_letter(
            data["region"], request.user, Source.WEB, unit=data["unit"], kind=data["kind"]
        )
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
        return redirect("letter_list")
    messages.success(request, _("已发出 %(ref)s") % {"ref": letter.reference})
    return redirect("letter_detail", pk=letter.pk)


@login_required
@require_POST
def letter_bulk(request):
    if not access.can_anywhere(request.user, "send_letters"):
        raise PermissionDenied
    form = BulkForm(request.POST, regions=_issuable_regions(request.user))
    if not form.is_valid():
        messages.error(request, _("请选择您有权发函的区划"))
        return redirect("letter_list")
    region = form.cleaned_data["region"]
    if not access.can(request.user, "send_letters", region=region):
        raise PermissionDenied
    jobs.start(region, request.user, form.cleaned_data["kind"], timezone.localdate())
    messages.success(request, _("已提交后台批量发函，完成后将通知您；进度见下方“批量发函”"))
    return redirect("letter_list")


def _visible(request, pk) -> Letter:
    return get_object_or_404(
        Letter.objects.visible_to(request.user).select_related("region", "unit"), pk=pk
    )


@login_required
def letter_detail(request, pk):
    letter = _visible(request, pk)
    services.mark_read(letter, request.user)
    can_reply = not letter.replied_at and access.can_on_letter(request.user, "reply_letter", letter)
    return render(
        request,
        "letters/detail.html",
        {"letter": letter, "form": ReplyForm() if can_reply else None},
    )


@login_required
def letter_download(request, pk):
    letter = _visible(request, pk)
    services.mark_read(letter, request.user)
    return FileResponse(
        letter.file.open("rb"), as_attachment=True, filename=f"{letter.reference}.docx"
    )


@login_required
@require_POST
def letter_reply(request, pk):
    letter = _visible(request, pk)
    try:
        services.reply(letter, request.POST.get("reply", ""), request.user, Source.WEB)
    except ValidationError as exc:
        for message in _messages(exc):
            messages.error(request, message)
    else:
        messages.success(request, _("已回复"))
    return redirect("letter_detail", pk=pk)
