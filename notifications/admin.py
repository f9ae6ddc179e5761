from django.contrib import admin

from notifications.models import (
    Channel,
    Delivery,
    DeliveryAttempt,
    Digest,
    Notice,
    NoticePolicy,
    Recipient,
)


@admin.register(NoticePolicy)
class NoticePolicyAdmin(admin.ModelAdmin):
    list_display = ["audience", "minimum_days", "updated_at"]


class ChannelInline(admin.TabularInline):
    model = Channel
    extra = 0
    readonly_fields = ["secret", "disabled_at"]


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "team"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [ChannelInline]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["version", "recipient", "milestone", "due_at", "digest", "acknowledged_at"]
    list_filter = ["milestone"]
    list_select_related = ["version__api", "recipient", "digest"]
    raw_id_fields = ["version", "recipient", "digest"]


class AttemptInline(admin.TabularInline):
    model = DeliveryAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["started_at", "duration_ms", "status_code", "error"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["digest", "channel", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status"]
    list_select_related = ["digest__recipient", "channel"]
    raw_id_fields = ["digest", "channel"]
    inlines = [AttemptInline]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    list_display = ["recipient", "day", "created_at"]
    list_select_related = ["recipient"]
