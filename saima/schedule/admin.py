"""The configurable vocabularies: approval types and which ones each kind of project requires.
Per-project approvals and milestones change only through the pages and the API (audited)."""

from django.contrib import admin

from .models import ApprovalRequirement, ApprovalType


class RequirementInline(admin.TabularInline):
    model = ApprovalRequirement
    extra = 0


@admin.register(ApprovalType)
class ApprovalTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    inlines = [RequirementInline]


@admin.register(ApprovalRequirement)
class ApprovalRequirementAdmin(admin.ModelAdmin):
    list_display = ["category", "approval_type"]
    list_filter = ["category"]
