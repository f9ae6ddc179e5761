"""Serializers of the catalog API: shapes and input checks only; writes go to services."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from accounts.access import principal_of
from catalog import services
from catalog.models import Api, AuditEvent, Lifecycle, Operation, SpecDocument, Team, Version


def _actor(serializer: serializers.Serializer) -> services.Actor:
    """Who writes: the signed-in person or the token, as the audit trail names them."""
    return principal_of(serializer.context["request"]).actor


def _web_url(serializer: serializers.Serializer, obj) -> str:
    request = serializer.context.get("request")
    path = obj.get_absolute_url()
    return request.build_absolute_uri(path) if request else path


@extend_schema_field(
    # The enum Version.lifecycle defines, by reference: one name for one set of choices.
    {"type": "array", "items": {"$ref": "#/components/schemas/LifecycleEnum"}}
)
class LifecycleListField(serializers.ListField):
    child = serializers.ChoiceField(choices=Lifecycle.choices)


class TeamSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="v1:team-detail", lookup_field="slug")
    api_count = serializers.IntegerField(read_only=True)
    apis_url = serializers.SerializerMethodField()

    class Meta:
        model = Team
        fields = [
            "url",
            "slug",
            "name",
            "description",
            "email",
            "chat_channel",
            "chat_url",
            "oncall_url",
            "api_count",
            "apis_url",
        ]

    def get_apis_url(self, team: Team) -> str:
        url = reverse("v1:api-list", request=self.context.get("request"))
        return f"{url}?team={team.slug}"


class ApiSummarySerializer(serializers.ModelSerializer):
    """An API in a list: what selectors.api_list() loads, nothing deferred."""

    url = serializers.HyperlinkedIdentityField(view_name="v1:api-detail", lookup_field="slug")
    web_url = serializers.SerializerMethodField()
    team = serializers.SlugRelatedField(slug_field="slug", queryset=Team.objects.all())
    tags = serializers.ListField(child=serializers.CharField(max_length=50), required=False)
    lifecycles = LifecycleListField(read_only=True)

    class Meta:
        model = Api
        fields = [
            "url",
            "web_url",
            "slug",
            "name",
            "summary",
            "team",
            "audience",
            "tags",
            "lifecycles",
            "latest_version",
            "next_sunset_on",
            "updated_at",
            "lint_status",
            "lint_score",
            "lint_version",
        ]
        read_only_fields = [
            "latest_version",
            "next_sunset_on",
            "updated_at",
            "lint_status",
            "lint_score",
            "lint_version",
        ]

    def get_web_url(self, api: Api) -> str:
        return _web_url(self, api)


class ApiSerializer(ApiSummarySerializer):
    """One API, read and written; create and update go through catalog.services."""

    versions_url = serializers.HyperlinkedIdentityField(
        view_name="v1:api-version-list", lookup_field="slug", lookup_url_kwarg="api_slug"
    )
    metadata = serializers.DictField(required=False, help_text="Values of the custom fields.")

    class Meta(ApiSummarySerializer.Meta):
        fields = [
            *ApiSummarySerializer.Meta.fields,
            "description",
            "repository_url",
            "docs_url",
            "runbook_url",
            "metadata",
            "versions_url",
            "created_at",
        ]
        read_only_fields = [*ApiSummarySerializer.Meta.read_only_fields, "created_at"]

    def create(self, validated_data) -> Api:
        return services.api_create(actor=_actor(self), **validated_data)

    def update(self, instance: Api, validated_data) -> Api:
        return services.api_update(actor=_actor(self), api=instance, **validated_data)


@extend_schema_field(OpenApiTypes.STR)
class SuccessorField(serializers.SlugRelatedField):
    """The successor by its version string, looked up among the same API's versions."""

    def __init__(self, **kwargs):
        super().__init__(slug_field="version", allow_null=True, required=False, **kwargs)

    def get_queryset(self):
        return Version.objects.filter(api=self.context["api"])


class VersionSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    web_url = serializers.SerializerMethodField()
    api = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    successor = SuccessorField()
    spec = serializers.SerializerMethodField(help_text="The sha256 of the version's spec.")
    spec_url = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = [
            "url",
            "web_url",
            "api",
            "version",
            "lifecycle",
            "released_on",
            "deprecated_on",
            "sunset_on",
            "successor",
            "notes",
            "spec",
            "spec_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def get_url(self, version: Version) -> str:
        return reverse(
            "v1:api-version-detail",
            kwargs={"api_slug": version.api.slug, "version": version.version},
            request=self.context.get("request"),
        )

    def get_web_url(self, version: Version) -> str:
        return _web_url(self, version)

    def get_spec(self, version: Version) -> str | None:
        if not version.spec_id:
            return None
        # Lists annotate spec_sha256; a single version just written asks, never loading bytes.
        if not hasattr(version, "spec_sha256"):
            version.spec_sha256 = SpecDocument.objects.filter(pk=version.spec_id).values_list(
                "sha256", flat=True
            )[0]
        return version.spec_sha256

    def get_spec_url(self, version: Version) -> str | None:
        sha256 = self.get_spec(version)
        if sha256 is None:
            return None
        return reverse("v1:spec-detail", args=[sha256], request=self.context.get("request"))

    def validate_version(self, value: str) -> str:
        # The (api, version) unique constraint, told apart so it answers 409 Conflict.
        api = self.context["api"]
        if Version.objects.filter(api=api, version=value.strip()).exists():
            raise serializers.ValidationError(
                f"{api.name} already has a version {value.strip()}.", code="unique"
            )
        return value

    def create(self, validated_data) -> Version:
        return services.version_create(
            actor=_actor(self), api=self.context["api"], **validated_data
        )

    def update(self, instance: Version, validated_data) -> Version:
        return services.version_update(actor=_actor(self), version=instance, **validated_data)


class VersionUpdateSerializer(VersionSerializer):
    """A version's string names it in URLs and pipelines: it is not changed after creation."""

    class Meta(VersionSerializer.Meta):
        read_only_fields = [*VersionSerializer.Meta.read_only_fields, "version"]


class SpecErrorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable: too-large, invalid-yaml, not-openapi, …")
    message = serializers.CharField()
    line = serializers.IntegerField(allow_null=True)


class SpecLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    operations = serializers.URLField()
    content = serializers.URLField()


class SpecDocumentSerializer(serializers.ModelSerializer):
    """A spec document's state and what the worker read from it; never its bytes."""

    error = serializers.SerializerMethodField()
    format = serializers.CharField(source="syntax", read_only=True, help_text="json or yaml")
    operations_count = serializers.IntegerField(read_only=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = SpecDocument
        fields = [
            "sha256",
            "status",
            "error",
            "format",
            "openapi_family",
            "openapi_version",
            "title",
            "info_version",
            "servers",
            "size",
            "filename",
            "operations_count",
            "created_at",
            "processed_at",
            "links",
        ]
        read_only_fields = fields

    @extend_schema_field(SpecErrorSerializer(allow_null=True))
    def get_error(self, spec: SpecDocument) -> dict | None:
        if spec.status != SpecDocument.Status.FAILED:
            return None
        return {"code": spec.error_code, "message": spec.error, "line": spec.error_line}

    @extend_schema_field(SpecLinksSerializer)
    def get_links(self, spec: SpecDocument) -> dict:
        request = self.context.get("request")
        return {
            "self": reverse("v1:spec-detail", args=[spec.sha256], request=request),
            "operations": reverse("v1:spec-operations", args=[spec.sha256], request=request),
            "content": reverse("v1:spec-content", args=[spec.sha256], request=request),
        }


class OperationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Operation
        fields = [
            "position",
            "method",
            "path",
            "operation_id",
            "summary",
            "description",
            "tags",
            "deprecated",
            "detail",
        ]
        read_only_fields = fields


class AuditEventSerializer(serializers.ModelSerializer):
    """One change: who (`actor`, as the portal named them then), what (`action`, on
    `target_type` `target_id`), the API it belongs to, and the fields before and after."""

    actor = serializers.CharField(source="actor_label", read_only=True)
    target_type = serializers.SerializerMethodField()
    target = serializers.CharField(source="target_label", read_only=True)
    api = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "created_at",
            "actor",
            "action",
            "target_type",
            "target_id",
            "target",
            "api",
            "before",
            "after",
            "request_id",
        ]
        read_only_fields = fields

    def get_target_type(self, event: AuditEvent) -> str:
        return f"{event.target_type.app_label}.{event.target_type.model}"
