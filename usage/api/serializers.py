"""Serializers of the usage API."""

from rest_framework import serializers

from catalog.models import Lifecycle, Team, Version
from usage.models import Consumer, ConsumerCredential, DeclaredUse, IngestRun


class IngestResultSerializer(serializers.ModelSerializer):
    """What a batch or an import kept and refused; `samples` are the first refusals, with
    the event's index (or the line's number) and escaped detail."""

    class Meta:
        model = IngestRun
        fields = [
            "id",
            "kind",
            "status",
            "received",
            "accepted",
            "duplicates",
            "rejected",
            "rejections",
            "samples",
            "created_at",
        ]
        read_only_fields = fields


class CredentialSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConsumerCredential
        fields = ["id", "kind", "value", "label", "created_at", "revoked_at"]
        read_only_fields = ["id", "created_at", "revoked_at"]


class DeclaredUseSerializer(serializers.ModelSerializer):
    api = serializers.SlugRelatedField(source="version.api", slug_field="slug", read_only=True)
    version = serializers.CharField(source="version.version", read_only=True)

    class Meta:
        model = DeclaredUse
        fields = ["id", "api", "version", "source", "note", "created_at"]
        read_only_fields = fields


class DeclareSerializer(serializers.Serializer):
    """A version to declare use of, by API slug and version number."""

    api = serializers.SlugField()
    version = serializers.CharField(max_length=100)
    note = serializers.CharField(max_length=300, required=False, default="")

    def validate(self, data):
        version = (
            Version.objects.select_related("api")
            .filter(api__slug=data["api"], version=data["version"])
            # As the form: a draft or retired version is not something one uses.
            .filter(lifecycle__in=[Lifecycle.RELEASED, Lifecycle.DEPRECATED])
            .first()
        )
        if version is None:
            raise serializers.ValidationError(
                {"version": ["There is no released or deprecated version of that API."]}
            )
        return {"version": version, "note": data["note"]}


class ConsumerSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="v1:consumer-detail", lookup_field="slug")
    team = serializers.SlugRelatedField(slug_field="slug", queryset=Team.objects.all())
    credentials = CredentialSerializer(many=True, read_only=True)
    declared_uses = DeclaredUseSerializer(many=True, read_only=True)

    class Meta:
        model = Consumer
        fields = [
            "url",
            "slug",
            "name",
            "description",
            "team",
            "contact_name",
            "contact_email",
            "repository_url",
            "credentials",
            "declared_uses",
            "created_at",
        ]
        read_only_fields = ["created_at"]
