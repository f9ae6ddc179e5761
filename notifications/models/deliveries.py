import uuid

from django.db import models
from django.db.models import Q


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


class Delivery(models.Model):
    """A digest on its way through one channel; retried with backoff until sent or dead.

    Workers claim it by moving `claimed_until` forward in one UPDATE; a worker that dies
    mid-send leaves a claim that expires, so the sweep picks the delivery up again.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        DEAD = "dead", "Dead letter"
        SKIPPED = "skipped", "Skipped"

    digest = models.ForeignKey(
        "notifications.Digest", on_delete=models.CASCADE, related_name="deliveries"
    )
    channel = models.ForeignKey(
        "notifications.Channel", on_delete=models.CASCADE, related_name="deliveries"
    )
    # The webhook-id header: the same across retries, so receivers can drop duplicates.
    message_id = models.CharField(max_length=40, default=new_message_id, editable=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["digest", "channel"], name="delivery_unique_channel"),
        ]
        indexes = [
            # The sweep: pending deliveries whose next attempt is due.
            models.Index(
                fields=["next_attempt_at"],
                name="delivery_pending_due_idx",
                condition=Q(status="pending"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.digest} via {self.channel} ({self.status})"


class DeliveryAttempt(models.Model):
    """One try of a delivery: the delivery log shown to the recipient's managers."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    status_code = models.PositiveIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["delivery", "-started_at"], name="attempt_delivery_idx")]

    def __str__(self) -> str:
        return f"{self.delivery_id} at {self.started_at}: {self.status_code or self.error}"
