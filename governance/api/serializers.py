"""Serializers of the governance API: shapes and input checks only; writes go to services."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from accounts.access import principal_of
from catalog.models import Audience, Team
from governance import services
from governance.models import (
    LintFinding,
    LintJob,
    LintRun,
    RelintBatch,
    Ruleset,
    RulesetAssignment,
    RulesetRevision,
)


def _actor(serializer: serializers.Serializer):
    return principal_of(serializer.context["request"]).actor


class RevisionSerializer(serializers.ModelSerializer):
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = RulesetRevision
        fields = ["number", "sha256", "note", "created_by", "created_at", "source"]
        read_only_fields = fields


class RevisionSummarySerializer(RevisionSerializer):
    class Meta(RevisionSerializer.Meta):
        fields = ["number", "sha256", "note", "created_by", "created_at"]
        read_only_fields = fields


class RulesetSerializer(serializers.ModelSerializer):
    """A ruleset; on create, `source` (YAML or JSON) becomes revision 1 once the engine
    accepts it."""

    url = serializers.HyperlinkedIdentityField(view_name="v1:ruleset-detail", lookup_field="slug")
    slug = serializers.SlugField(max_length=120, required=False)
    latest_number = serializers.IntegerField(read_only=True)
    assignment_count = serializers.IntegerField(read_only=True)
    source = serializers.CharField(write_only=True, trim_whitespace=False)
    note = serializers.CharField(write_only=True, required=False, default="", max_length=300)

    class Meta:
        model = Ruleset
        fields = [
            "url",
            "slug",
            "name",
            "description",
            "latest_number",
            "assignment_count",
            "created_at",
            "updated_at",
            "source",
            "note",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # Uniqueness is the service's to check (409), after the ruleset text is.
        extra_kwargs = {"name": {"validators": []}, "slug": {"validators": []}}

    def create(self, validated_data) -> Ruleset:
        return services.ruleset_create(actor=_actor(self), **validated_data)


class RulesetDetailSerializer(RulesetSerializer):
    revisions = RevisionSummarySerializer(many=True, read_only=True)
    latest = serializers.SerializerMethodField()

    class Meta(RulesetSerializer.Meta):
        fields = [*RulesetSerializer.Meta.fields, "revisions", "latest"]

    @extend_schema_field(RevisionSerializer)
    def get_latest(self, ruleset: Ruleset) -> dict | None:
        revisions = list(ruleset.revisions.all())  # prefetched, newest first
        return RevisionSerializer(revisions[0]).data if revisions else None


class ReviseSerializer(serializers.Serializer):
    source = serializers.CharField(trim_whitespace=False)
    note = serializers.CharField(required=False, default="", max_length=300, allow_blank=True)


class AssignmentSerializer(serializers.ModelSerializer):
    ruleset = serializers.SlugRelatedField(slug_field="slug", queryset=Ruleset.objects.all())
    team = serializers.SlugRelatedField(
        slug_field="slug", queryset=Team.objects.all(), required=False, allow_null=True
    )
    audience = serializers.ChoiceField(choices=Audience.choices, required=False, allow_blank=True)
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = RulesetAssignment
        fields = ["id", "ruleset", "scope", "team", "audience", "created_by", "created_at"]
        read_only_fields = ["id", "scope", "created_by", "created_at"]

    def create(self, validated_data) -> RulesetAssignment:
        team = validated_data.get("team")
        audience = validated_data.get("audience", "")
        return services.ruleset_assign(
            actor=_actor(self),
            ruleset=validated_data["ruleset"],
            team=team,
            audience=audience,
            organisation=not team and not audience,
        )


class RelintBatchSerializer(serializers.ModelSerializer):
    ruleset = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = RelintBatch
        fields = [
            "id",
            "ruleset",
            "reason",
            "total",
            "done",
            "failed",
            "percent",
            "created_at",
            "started_at",
            "finished_at",
        ]
        read_only_fields = fields


class RangeSerializer(serializers.Serializer):
    start = serializers.DictField(child=serializers.IntegerField())
    end = serializers.DictField(child=serializers.IntegerField())


class LintFindingSerializer(serializers.ModelSerializer):
    """A finding as Spectral prints it (code, path, message, severity 0-3, range with
    0-based lines), plus the rule's documentation and whether it is new in this version."""

    range = serializers.SerializerMethodField()

    class Meta:
        model = LintFinding
        fields = ["code", "severity", "message", "path", "range", "documentation_url", "is_new"]
        read_only_fields = fields

    @extend_schema_field(RangeSerializer)
    def get_range(self, finding: LintFinding) -> dict:
        return {
            "start": {"line": finding.start_line, "character": finding.start_character},
            "end": {"line": finding.end_line, "character": finding.end_character},
        }


class LintRunSerializer(serializers.ModelSerializer):
    spec = serializers.SlugRelatedField(slug_field="sha256", read_only=True)
    ruleset = serializers.SerializerMethodField()
    revision = serializers.SerializerMethodField()

    class Meta:
        model = LintRun
        fields = [
            "id",
            "spec",
            "ruleset",
            "revision",
            "engine_version",
            "status",
            "error",
            "document_format",
            "created_at",
            "started_at",
            "finished_at",
            "duration_ms",
            "errors",
            "warnings",
            "infos",
            "hints",
            "score",
        ]
        read_only_fields = fields

    def get_ruleset(self, run: LintRun) -> str:
        """The ruleset's slug, or the built-in ruleset's name."""
        return run.revision.ruleset.slug if run.revision_id else run.builtin

    def get_revision(self, run: LintRun) -> int | None:
        return run.revision.number if run.revision_id else None


class VersionLintSerializer(serializers.Serializer):
    """A page of a version's findings, with the run they come from."""

    run = LintRunSerializer()
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = LintFindingSerializer(many=True)


class LintQuerySerializer(serializers.Serializer):
    ruleset = serializers.CharField(
        required=False,
        max_length=120,
        help_text="A ruleset's slug, or spectral:oas / portal:recommended. "
        "Default: the ruleset of `api`, else the organisation default.",
    )
    api = serializers.SlugField(
        required=False, max_length=100, help_text="Lint with the ruleset that governs this API."
    )
    filename = serializers.CharField(required=False, default="", max_length=255, allow_blank=True)


class LintResultSerializer(serializers.Serializer):
    ruleset = serializers.CharField()
    format = serializers.CharField(allow_null=True, help_text="oas2, oas3.0, oas3.1...")
    readable = serializers.BooleanField(help_text="False when the document could not be parsed.")
    score = serializers.IntegerField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    findings = serializers.ListField(
        child=serializers.DictField(), help_text="Spectral's JSON output (spectral lint -f json)."
    )


class LintJobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    result = LintResultSerializer(read_only=True, allow_null=True)

    class Meta:
        model = LintJob
        fields = [
            "id",
            "url",
            "status",
            "error",
            "created_at",
            "finished_at",
            "expires_at",
            "result",
        ]
        read_only_fields = fields

    def get_url(self, job: LintJob) -> str:
        return reverse("v1:lint-job", args=[job.pk], request=self.context.get("request"))
