from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import RoleGrant, User


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleGrantInline]
    list_display = ["username", "full_name", "department", "is_active"]
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Saima", {"fields": ["full_name", "phone", "department"]}),
    )
