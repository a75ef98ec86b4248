from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from .display import changes
from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_name", "source", "action", "model", "object_repr"]
    list_filter = ["source", "action", "model"]
    readonly_fields = ["readable_changes"]

    @admin.display(description=_("变更（显示）"))
    def readable_changes(self, entry):
        rows = ((c.label, c.old, c.new) for c in changes(entry))
        return format_html_join("", "<div>{}：{} → {}</div>", rows) or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
