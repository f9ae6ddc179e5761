"""Serializers of the usage API."""

from rest_framework import serializers

from usage.models import IngestRun


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
