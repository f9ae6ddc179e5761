from django.contrib import admin

from catalog.models import Api, AuditEvent, Membership, MetadataField, SpecDocument, Team, Version


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "email", "chat_channel"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(MetadataField)
class MetadataFieldAdmin(admin.ModelAdmin):
    """Where the admin defines the custom, typed properties every API carries."""

    list_display = ["label", "key", "kind", "required", "position"]
    list_editable = ["position"]


@admin.register(Api)
class ApiAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "team", "audience", "latest_version", "next_sunset_on"]
    list_filter = ["audience", "team"]
    list_select_related = ["team"]
    search_fields = ["name", "slug", "summary"]
    readonly_fields = ["lifecycles", "next_sunset_on", "latest_version", "search_extra"]
    exclude = ["search_vector"]


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["api", "version", "lifecycle", "released_on", "deprecated_on", "sunset_on"]
    list_filter = ["lifecycle"]
    list_select_related = ["api"]
    search_fields = ["api__name", "version"]
    raw_id_fields = ["api", "successor", "spec"]


@admin.register(SpecDocument)
class SpecDocumentAdmin(admin.ModelAdmin):
    list_display = ["sha256", "title", "openapi_version", "status", "size", "created_at"]
    list_filter = ["status", "openapi_family"]
    exclude = ["content"]
    readonly_fields = [field.name for field in SpecDocument._meta.fields if field.name != "content"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("content")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is append-only."""

    list_display = ["created_at", "actor_label", "action", "target_label"]
    list_filter = ["action"]
    search_fields = ["actor_label", "target_label", "request_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
