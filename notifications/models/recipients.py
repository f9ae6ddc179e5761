import secrets

from django.db import models
from django.db.models import Q


def webhook_secret() -> str:
    """A Standard Webhooks signing secret: whsec_ and 32 random bytes in base64."""
    import base64

    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class Recipient(models.Model):
    """Who is told about a sunset: an API's owner team, or a consumer application.

    The team of a consumer recipient is the consumer's owner team, so the same people
    manage its channels.
    """

    class Kind(models.TextChoices):
        TEAM = "team", "Owner team"
        CONSUMER = "consumer", "Consumer"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    team = models.ForeignKey(
        "catalog.Team", on_delete=models.CASCADE, related_name="notice_recipients"
    )
    consumer = models.OneToOneField(
        "usage.Consumer",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notice_recipient",
    )
    name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(kind="team"),
                name="recipient_unique_owner_team",
            ),
            models.CheckConstraint(
                condition=Q(kind="team", consumer__isnull=True)
                | Q(kind="consumer", consumer__isnull=False),
                name="recipient_kind_matches_consumer",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Channel(models.Model):
    """One way to reach a recipient: an email address, a signed webhook or a Slack hook.

    Off when its managers turn it off, when someone unsubscribes through a notice's
    link, or when a webhook answers 410 Gone.
    """

    class Kind(models.TextChoices):
        EMAIL = "email", "Email"
        WEBHOOK = "webhook", "Webhook"
        SLACK = "slack", "Slack"

    recipient = models.ForeignKey(Recipient, on_delete=models.CASCADE, related_name="channels")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    target = models.CharField(max_length=500, help_text="An email address or an https URL.")
    secret = models.CharField(max_length=100, blank=True, help_text="whsec_… for webhooks.")
    enabled = models.BooleanField(default=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "target"], name="channel_unique_target"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target}"
