from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from catalog.models.apis import Api
from catalog.models.specs import SpecDocument


class Lifecycle(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    RELEASED = "released", "Released"
    DEPRECATED = "deprecated", "Deprecated"
    RETIRED = "retired", "Retired"


class Version(models.Model):
    """One semantic version of an API, with its lifecycle, dates and spec document."""

    api = models.ForeignKey(Api, on_delete=models.CASCADE, related_name="versions")
    version = models.CharField(max_length=100)
    # The parsed parts of `version`, so versions sort as semver and not as text.
    major = models.PositiveIntegerField()
    minor = models.PositiveIntegerField()
    patch = models.PositiveIntegerField()
    prerelease = models.CharField(max_length=100, blank=True)

    lifecycle = models.CharField(max_length=12, choices=Lifecycle.choices, default=Lifecycle.DRAFT)
    released_on = models.DateField(null=True, blank=True)
    deprecated_on = models.DateField(null=True, blank=True)
    sunset_on = models.DateField(null=True, blank=True)
    successor = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors"
    )
    spec = models.ForeignKey(
        SpecDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="versions"
    )
    notes = models.TextField(blank=True, help_text="Markdown release notes.")
    migration_note = models.TextField(
        blank=True, help_text="Markdown: how consumers move off this version once deprecated."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["api", "-major", "-minor", "-patch", "prerelease"]
        constraints = [
            models.UniqueConstraint(fields=["api", "version"], name="version_unique_api_version"),
            models.CheckConstraint(
                condition=Q(sunset_on__isnull=True)
                | Q(deprecated_on__isnull=True)
                | Q(sunset_on__gte=F("deprecated_on")),
                name="version_sunset_not_before_deprecation",
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("id")), name="version_successor_not_self"
            ),
        ]
        indexes = [
            # The "sunsets within N days" queries and the coming sunset notices.
            models.Index(
                fields=["sunset_on"],
                name="version_sunset_idx",
                condition=Q(sunset_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.api} {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("catalog:version-detail", args=[self.api.slug, self.version])
