from django.db import models
from django.db.models import Q


class Milestone(models.TextChoices):
    """The moments of a deprecation that are announced, in the order they come."""

    DEPRECATED = "deprecated", "Deprecated"
    DAYS_90 = "d90", "90 days before sunset"
    DAYS_30 = "d30", "30 days before sunset"
    DAYS_7 = "d7", "7 days before sunset"
    DAYS_1 = "d1", "1 day before sunset"
    SUNSET = "sunset", "Sunset"
    AFTER_SUNSET = "after_sunset", "Still called after sunset"


class Notice(models.Model):
    """The outbox: one milestone of one version for one recipient, written in the
    transaction that makes it due (the deprecation) or by the hourly planner.

    The unique constraint is what makes a notice go out once however many workers,
    beats or re-plans run; `digest` is set when a worker claims it into a message.
    """

    version = models.ForeignKey(
        "catalog.Version", on_delete=models.CASCADE, related_name="sunset_notices"
    )
    recipient = models.ForeignKey(
        "notifications.Recipient", on_delete=models.CASCADE, related_name="notices"
    )
    milestone = models.CharField(max_length=12, choices=Milestone.choices)
    due_at = models.DateTimeField()
    digest = models.ForeignKey(
        "notifications.Digest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "recipient", "milestone"], name="notice_unique_milestone"
            ),
        ]
        indexes = [
            # The dispatcher's catch-up: notices due and not yet in a digest.
            models.Index(
                fields=["due_at", "recipient"],
                name="notice_undigested_due_idx",
                condition=Q(digest__isnull=True),
            ),
            models.Index(fields=["version", "milestone"], name="notice_version_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.milestone} → {self.recipient}"


class Digest(models.Model):
    """The one message of a UTC day for a recipient, gathering every notice due.

    Unique per recipient and day: a second worker building the same digest fails on
    the constraint and sends nothing.
    """

    recipient = models.ForeignKey(
        "notifications.Recipient", on_delete=models.CASCADE, related_name="digests"
    )
    day = models.DateField(help_text="The UTC day it was built.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="digest_unique_daily"),
        ]

    def __str__(self) -> str:
        return f"digest {self.day} for {self.recipient}"
