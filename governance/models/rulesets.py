from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from catalog.models import Audience, Team


class Ruleset(models.Model):
    """A named governance style guide (a Spectral ruleset), edited as numbered revisions."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("governance:ruleset-detail", args=[self.slug])


class RulesetRevision(models.Model):
    """One saved text of a ruleset, exactly as uploaded. Immutable: a change is a new revision,
    so every lint run names the exact rules it applied."""

    ruleset = models.ForeignKey(Ruleset, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    source = models.TextField(help_text="The ruleset as uploaded (YAML or JSON).")
    sha256 = models.CharField(max_length=64)
    note = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["ruleset", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["ruleset", "number"], name="rulesetrevision_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="rulesetrevision_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.ruleset} r{self.number}"

    def save(self, *args, **kwargs) -> None:
        # Lint runs and findings point at a revision; editing one would rewrite history.
        if not self._state.adding:
            raise ValueError("A ruleset revision is immutable; save a new revision instead.")
        super().save(*args, **kwargs)


class RulesetAssignment(models.Model):
    """Which ruleset applies where: the organisation default, a team, or an audience.

    It names a ruleset, not a revision, so it follows the ruleset's latest revision.
    One assignment per scope; precedence is team > audience > organisation.
    """

    class Scope(models.TextChoices):
        ORGANISATION = "organisation", "Organisation default"
        TEAM = "team", "Team"
        AUDIENCE = "audience", "Audience"

    ruleset = models.ForeignKey(Ruleset, on_delete=models.CASCADE, related_name="assignments")
    scope = models.CharField(max_length=12, choices=Scope.choices)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.CASCADE, related_name="ruleset_assignments"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scope", "team__name", "audience"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="organisation", team__isnull=True, audience="")
                    | Q(scope="team", team__isnull=False, audience="")
                    | Q(scope="audience", team__isnull=True) & ~Q(audience="")
                ),
                name="rulesetassignment_scope_fields",
            ),
            models.UniqueConstraint(
                fields=["scope"],
                condition=Q(scope="organisation"),
                name="rulesetassignment_one_organisation_default",
            ),
            models.UniqueConstraint(
                fields=["team"], condition=Q(scope="team"), name="rulesetassignment_one_per_team"
            ),
            models.UniqueConstraint(
                fields=["audience"],
                condition=Q(scope="audience"),
                name="rulesetassignment_one_per_audience",
            ),
        ]

    def __str__(self) -> str:
        where = self.team or self.get_audience_display() or "organisation"
        return f"{self.ruleset} for {where}"
