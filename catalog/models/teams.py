from django.conf import settings
from django.db import models
from django.urls import reverse


class Team(models.Model):
    """A group of people that owns APIs; the unit of edit rights."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True, help_text="Where the team reads mail about its APIs.")
    chat_channel = models.CharField(
        max_length=200, blank=True, help_text="For example #payments-api."
    )
    chat_url = models.URLField(blank=True)
    oncall_url = models.URLField(blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="teams"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:team-detail", args=[self.slug])


class Membership(models.Model):
    """A user's place in a team: owners manage the team, members edit its APIs."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MEMBER = "member", "Member"

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="membership_unique_team_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.team} ({self.role})"
