from django.contrib import admin

from .models import Delivery, Preference


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "inbox", "email", "webhook"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["notification", "channel", "status", "attempts", "sent_at", "error"]
    list_filter = ["status", "channel"]
