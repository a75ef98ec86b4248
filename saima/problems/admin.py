from django.contrib import admin

from .models import Category, EscalationLevel, Problem


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]


@admin.register(EscalationLevel)
class EscalationLevelAdmin(admin.ModelAdmin):
    """The escalation ladder per region (三级会商): who holds each level and its time limit."""

    list_display = ["region", "level", "title", "holder", "person", "working_days"]
    list_filter = ["region"]

    # Read-only here: a ladder is edited whole on its page (/problems/ladder/<code>/), which
    # checks it, audits it and refuses stale edits; one level saved alone could break it.
    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Problem)
class ProblemAdmin(admin.ModelAdmin):
    """Read-only here: problems change only through their services (timeline and audit)."""

    list_display = ["project", "category", "state", "level", "deadline", "is_overdue"]
    list_filter = ["state", "level", "category", "is_overdue"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
