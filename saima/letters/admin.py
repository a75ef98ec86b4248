from django.contrib import admin

from .models import BulkRun, Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "region", "unit", "period", "reply_due", "replied_at"]
    list_filter = ["kind", "year"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(BulkRun)
class BulkRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "region", "kind", "requested_by", "status", "attempts"]
    list_filter = ["status", "kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
