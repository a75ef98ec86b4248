from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification, Preference


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = Preference
        fields = ["inbox", "email", "webhook"]


@login_required
def inbox(request):
    notices = Notification.objects.filter(user=request.user, in_inbox=True)[:200]
    pref = Preference.objects.filter(user=request.user).first() or Preference(user=request.user)
    if request.method == "POST":
        form = PreferenceForm(request.POST, instance=pref)
        if form.is_valid():
            form.save()
            messages.success(request, _("通知偏好已保存"))
            return redirect("inbox")
    else:
        form = PreferenceForm(instance=pref)
    return render(request, "notifications/inbox.html", {"notices": notices, "form": form})


@login_required
@require_POST
def read_all(request):
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("inbox")
