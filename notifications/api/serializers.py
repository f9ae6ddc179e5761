from rest_framework import serializers

from catalog.models import Version


class DeprecationSerializer(serializers.Serializer):
    """A version's deprecation: dates, headers for gateways, and ready-made snippets."""

    api = serializers.CharField(source="version.api.slug")
    version = serializers.CharField(source="version.version")
    lifecycle = serializers.CharField(source="version.lifecycle")
    deprecated_on = serializers.DateField(source="version.deprecated_on", allow_null=True)
    sunset_on = serializers.DateField(source="version.sunset_on", allow_null=True)
    successor = serializers.CharField(source="version.successor.version", allow_null=True)
    migration_url = serializers.URLField(allow_null=True)
    headers = serializers.DictField(child=serializers.CharField())
    snippets = serializers.DictField(child=serializers.CharField())


class DeprecateSerializer(serializers.Serializer):
    """What deprecating a version takes; `override_reason` is for admins only."""

    sunset_on = serializers.DateField()
    successor = serializers.CharField(required=False, allow_blank=True, default="")
    migration_note = serializers.CharField(required=False, allow_blank=True, default="")
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_successor(self, value: str) -> Version | None:
        if not value:
            return None
        found = Version.objects.filter(api=self.context["api"], version=value).first()
        if found is None:
            raise serializers.ValidationError(f"The API has no version {value}.")
        return found
