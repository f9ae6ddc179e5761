from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q


class Scope(models.TextChoices):
    READ = "read", "Read the catalog"
    WRITE_SPECS = "write:specs", "Push versions and specs"
    INGEST = "ingest", "Send usage events (and nothing else)"


class ApiToken(models.Model):
    """A bearer token for the REST API, owned by a team or a user.

    Only the sha256 of the secret is stored; the secret is shown once, at creation.
    Tokens are long random strings, so a fast hash is enough: there is nothing to
    brute-force that a slow hash would protect.
    """

    name = models.CharField(max_length=100)
    team = models.ForeignKey(
        "catalog.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="tokens"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    scopes = ArrayField(models.CharField(max_length=20, choices=Scope.choices))
    prefix = models.CharField(max_length=12, unique=True, help_text="Shown to tell tokens apart.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=False, user__isnull=True)
                | Q(team__isnull=True, user__isnull=False),
                name="apitoken_one_owner",
            ),
            models.CheckConstraint(condition=~Q(scopes=[]), name="apitoken_has_scopes"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def owner_label(self) -> str:
        return f"team {self.team}" if self.team_id else f"user {self.user}"
