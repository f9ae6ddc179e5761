import uuid

from django.db import models


class LintJob(models.Model):
    """A lint of a posted document too large to answer at once (POST /api/v1/lint).

    Holds the document only until a worker has linted it, and the result until
    `expires_at`, when the sweep deletes the row. Nothing else refers to it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.CharField(max_length=40, help_text="user-<id> or token-<id>: who may read it.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    content = models.BinaryField(blank=True, help_text="Emptied once linted.")
    source = models.CharField(max_length=255, blank=True)
    revision = models.ForeignKey(
        "governance.RulesetRevision", null=True, blank=True, on_delete=models.CASCADE
    )
    builtin = models.CharField(max_length=60, blank=True)
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"lint job {self.id} ({self.status})"
