from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models


class SpecDocument(models.Model):
    """An uploaded OpenAPI document: immutable bytes, addressed by their sha256.

    The same bytes uploaded twice are one row. What the portal reads from the
    document (format, title, servers, operations) is filled in by a worker.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Queued"
        PROCESSING = "processing", "Parsing"
        READY = "ready", "Ready"
        FAILED = "failed", "Failed"

    class Syntax(models.TextChoices):
        JSON = "json", "JSON"
        YAML = "yaml", "YAML"

    sha256 = models.CharField(max_length=64, unique=True)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField()
    filename = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    error_code = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)
    error_line = models.PositiveIntegerField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    syntax = models.CharField(max_length=4, choices=Syntax.choices, blank=True)
    openapi_family = models.CharField(max_length=5, blank=True, help_text="2.0, 3.0, 3.1 or 3.2")
    openapi_version = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    info_version = models.CharField(max_length=100, blank=True)
    servers = models.JSONField(default=list, blank=True)
    tags = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"), name="specdocument_sha256_hex"
            ),
        ]
        indexes = [
            # The worker's sweep for documents left behind: status in (pending, processing).
            models.Index(
                fields=["created_at"],
                name="specdocument_unfinished_idx",
                condition=models.Q(status__in=["pending", "processing"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title or 'spec'} ({self.sha256[:12]})"


class Operation(models.Model):
    """One method on one path of a spec document, as the portal extracted it."""

    spec = models.ForeignKey(SpecDocument, on_delete=models.CASCADE, related_name="operations")
    position = models.PositiveIntegerField()
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=2000)
    operation_id = models.CharField(max_length=300, blank=True)
    summary = models.CharField(max_length=500, blank=True)
    description = models.TextField(blank=True)
    tags = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    deprecated = models.BooleanField(default=False)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["spec", "position"]
        constraints = [
            models.UniqueConstraint(fields=["spec", "position"], name="operation_unique_position"),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.path}"
