from django.conf import settings
from django.db import models


class IngestRun(models.Model):
    """One batch posted to the ingest endpoint, or one log file or stream imported: what
    came in, what was kept, and why the rest was refused."""

    class Kind(models.TextChoices):
        BATCH = "batch", "Batch over REST"
        FILE = "file", "Log file"
        STREAM = "stream", "Log stream"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=6, choices=Kind.choices)
    log_format = models.CharField(max_length=20, help_text="events, nginx-json, envoy...")
    source = models.CharField(max_length=500, help_text="The token, file or stream.")
    default_host = models.CharField(
        max_length=255, blank=True, help_text="The host of log lines that name none."
    )
    token = models.ForeignKey(
        "accounts.ApiToken", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    received = models.BigIntegerField(default=0)
    accepted = models.BigIntegerField(default=0)
    duplicates = models.BigIntegerField(default=0)
    rejected = models.BigIntegerField(default=0)
    offset = models.BigIntegerField(
        default=0, help_text="Bytes of the file committed so far: a retried import resumes here."
    )
    rejections = models.JSONField(default=dict, blank=True, help_text="Reason: count.")
    samples = models.JSONField(default=list, blank=True, help_text="The first refusals.")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at"], name="ingestrun_recent_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source} ({self.status})"
