from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class AuditEvent(models.Model):
    """An append-only record of a change of state: who, what, when, before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, help_text="The user or token, kept if deleted.")
    action = models.CharField(max_length=60)
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64)
    target = GenericForeignKey("target_type", "target_id")
    target_label = models.CharField(max_length=300)
    api = models.ForeignKey(
        "catalog.Api", null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    team = models.ForeignKey(
        "catalog.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
        help_text="The team the change concerns when it happened (its API's, token's, "
        "consumer's or channel's), whose members read it.",
    )
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
            models.Index(fields=["api", "-created_at"], name="audit_api_recent_idx"),
            models.Index(fields=["team", "-id"], name="audit_team_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.target_label}"
