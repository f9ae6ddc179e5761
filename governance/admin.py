"""Read-mostly admin views: rulesets are written through the governance pages, which check
them with the engine; runs and findings are the worker's."""

from django.contrib import admin

from governance.models import LintRun, RelintBatch, Ruleset, RulesetAssignment, RulesetRevision


class RevisionInline(admin.TabularInline):
    model = RulesetRevision
    fields = ["number", "note", "sha256", "created_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ruleset)
class RulesetAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "updated_at"]
    search_fields = ["name", "slug"]
    readonly_fields = ["slug", "created_by", "created_at", "updated_at"]
    inlines = [RevisionInline]

    def has_add_permission(self, request) -> bool:
        return False  # only through the pages, where the engine checks the text


@admin.register(RulesetAssignment)
class RulesetAssignmentAdmin(admin.ModelAdmin):
    list_display = ["ruleset", "scope", "team", "audience", "created_at"]
    list_select_related = ["ruleset", "team"]

    def has_add_permission(self, request) -> bool:
        return False  # through the pages, which queue the re-lint

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LintRun)
class LintRunAdmin(admin.ModelAdmin):
    list_display = ["spec", "ruleset_label", "status", "score", "errors", "warnings", "created_at"]
    list_filter = ["status", "builtin"]
    list_select_related = ["spec", "revision__ruleset"]
    raw_id_fields = ["spec", "revision"]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("spec__content")  # documents weigh MBs

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(RelintBatch)
class RelintBatchAdmin(admin.ModelAdmin):
    list_display = ["reason", "total", "done", "failed", "created_at", "finished_at"]
    exclude = ["runs"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
