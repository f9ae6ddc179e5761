from django.db import models
from django.db.models import Q

from governance.models.releases import Release


class ReleaseConsumerNotice(models.Model):
    """The outbox of a released release's breaking changes for one consumer that called
    what they touch: written in the transaction that releases it, with only the changes to
    the operations that consumer calls, and mailed once by a worker."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="consumer_notices")
    consumer = models.ForeignKey(
        "usage.Consumer", on_delete=models.CASCADE, related_name="release_notices"
    )
    operations = models.JSONField(
        default=list, help_text="The operations it called, each with the changes to it."
    )
    document_changes = models.JSONField(
        default=list, help_text="Breaking changes to the whole document (every operation)."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_to = models.JSONField(default=list, blank=True, help_text="The addresses mailed.")

    class Meta:
        ordering = ["release", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "consumer"], name="releaseconsumernotice_unique"
            ),
        ]
        indexes = [
            # The sweep for notices whose task was lost: unsent, oldest first.
            models.Index(
                fields=["created_at"],
                name="releasenotice_unsent_idx",
                condition=Q(sent_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.release} → {self.consumer_id}"
