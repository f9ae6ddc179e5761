from django.conf import settings
from django.db import models
from django.urls import reverse

from catalog.models import Team, Version


class Consumer(models.Model):
    """An application that calls APIs of the catalog, owned by a team.

    Its contacts are who hears about deprecations of what it calls (with the owner team).
    """

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="consumers")
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True, help_text="Where notices about its APIs go.")
    repository_url = models.URLField(blank=True)
    backstage_ref = models.CharField(
        max_length=300, blank=True, help_text="The Backstage entity it came from, if any."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["team", "name"], name="consumer_team_name_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("usage:consumer-detail", args=[self.slug])

    @property
    def emails(self) -> list[str]:
        """Who to write to: the consumer's contact, then its team's address."""
        return [email for email in (self.contact_email, self.team.email) if email]


class ConsumerCredential(models.Model):
    """An identifier that gateways log for a consumer's calls (an OAuth client id, an API
    key id, a consumer name in Kong), so that traffic is attributed to the consumer.

    Values are unique across kinds: a gateway logs a value, not its kind.
    """

    class Kind(models.TextChoices):
        CLIENT_ID = "client_id", "OAuth client id"
        KEY_ID = "key_id", "API key id"
        GATEWAY_CONSUMER = "gateway_consumer", "Gateway consumer name"

    consumer = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="credentials")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CLIENT_ID)
    value = models.CharField(max_length=200)
    label = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(
        null=True, blank=True, help_text="Traffic with it is still attributed; shown as revoked."
    )

    class Meta:
        ordering = ["consumer", "value"]
        constraints = [
            models.UniqueConstraint(fields=["value"], name="consumercredential_unique_value"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.value}"


class DeclaredUse(models.Model):
    """A consumer's statement that it calls an API version (set by hand, over the API, or
    imported from a Backstage `consumesApis`)."""

    class Source(models.TextChoices):
        MANUAL = "manual", "Declared in the portal"
        API = "api", "Declared over the REST API"
        BACKSTAGE = "backstage", "Imported from Backstage"

    consumer = models.ForeignKey(Consumer, on_delete=models.CASCADE, related_name="declared_uses")
    version = models.ForeignKey(Version, on_delete=models.CASCADE, related_name="declared_uses")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consumer", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["consumer", "version"], name="declareduse_unique_consumer_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consumer} uses {self.version}"
