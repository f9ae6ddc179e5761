from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse

from catalog.models.teams import Team


class Audience(models.TextChoices):
    INTERNAL = "internal", "Internal"
    PARTNER = "partner", "Partner"
    PUBLIC = "public", "Public"


class LintStatus(models.TextChoices):
    """The lint result of an API's latest version with a spec (kept by governance)."""

    PENDING = "pending", "Being linted"
    CLEAN = "clean", "No errors or warnings"
    WARNINGS = "warnings", "Warnings"
    ERRORS = "errors", "Errors"
    FAILED = "failed", "Lint failed"


class Api(models.Model):
    """An HTTP API in the catalog, owned by one team, with any number of versions."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="apis")
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.INTERNAL)
    tags = ArrayField(models.CharField(max_length=50), default=list, blank=True)
    repository_url = models.URLField(blank=True)
    docs_url = models.URLField(blank=True)
    runbook_url = models.URLField(blank=True)
    metadata = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Roll-ups of the API's versions, kept by catalog.services.api_refresh_rollups so the
    # catalog list can filter, facet and search one table.
    lifecycles = ArrayField(models.CharField(max_length=12), default=list, blank=True)
    next_sunset_on = models.DateField(null=True, blank=True)
    latest_version = models.CharField(max_length=100, blank=True)
    search_extra = models.TextField(blank=True, help_text="Tags and operation summaries.")
    # The lint result of the newest version with a spec, kept by catalog.services.api_set_quality.
    lint_status = models.CharField(max_length=10, choices=LintStatus.choices, blank=True)
    lint_score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0 to 100.")
    lint_version = models.CharField(
        max_length=100, blank=True, help_text="The version the lint status and score are of."
    )
    search_vector = models.GeneratedField(
        expression=(
            SearchVector("name", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("search_extra", weight="C", config="english")
            + SearchVector("description", weight="D", config="english")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        # Names repeat across teams: the id keeps pages stable (no API shown twice or skipped).
        ordering = ["name", "id"]
        verbose_name = "API"
        indexes = [
            models.Index(fields=["name", "id"], name="api_name_id_idx"),
            GinIndex(fields=["search_vector"], name="api_search_vector_gin"),
            GinIndex(fields=["tags"], name="api_tags_gin"),
            GinIndex(fields=["lifecycles"], name="api_lifecycles_gin"),
            models.Index(fields=["team", "name"], name="api_team_name_idx"),
            models.Index(fields=["audience", "name"], name="api_audience_name_idx"),
            models.Index(fields=["updated_at"], name="api_updated_at_idx"),
            # The "sunsets within N days" facet and filter.
            models.Index(
                fields=["next_sunset_on"],
                name="api_next_sunset_idx",
                condition=models.Q(next_sunset_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:api-detail", args=[self.slug])


class MetadataField(models.Model):
    """A custom, typed property that the admin defines for every API (as Azure API Center)."""

    class Kind(models.TextChoices):
        TEXT = "text", "Text"
        NUMBER = "number", "Number"
        BOOLEAN = "boolean", "Yes/no"
        DATE = "date", "Date"
        CHOICE = "choice", "Choice"
        URL = "url", "URL"

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=120)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.TEXT)
    choices = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    required = models.BooleanField(default=False)
    help_text = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "key"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="choice") | ~models.Q(choices=[]),
                name="metadatafield_choice_has_choices",
            ),
        ]

    def __str__(self) -> str:
        return self.label
