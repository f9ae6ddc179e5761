"""The token form of the tokens page. Owners are "me" or a team the person owns."""

import datetime

from django import forms
from django.utils import timezone

from accounts.access import Principal
from accounts.models import Scope
from catalog.models import Team

ME = "me"
EXPIRY_CHOICES = [("30", "30 days"), ("90", "90 days"), ("365", "1 year"), ("", "Never")]


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=100, help_text="Where the token is used, e.g. “payments CI pipeline”."
    )
    owner = forms.ChoiceField(
        help_text="A team token keeps working when people leave the team.",
    )
    scopes = forms.MultipleChoiceField(
        choices=[(scope.value, f"{scope.value}: {scope.label.lower()}") for scope in Scope],
        widget=forms.CheckboxSelectMultiple,
        initial=[Scope.READ],
        help_text="write:specs also reads.",
    )
    expires_in = forms.TypedChoiceField(
        label="Expires in",
        choices=EXPIRY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        initial="90",
    )

    def __init__(self, *args, principal: Principal, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = principal.person
        # The choices are the access rule: only teams this person owns are offered.
        self.teams = {
            f"team:{team.slug}": team
            for team in Team.objects.filter(id__in=principal.owned_team_ids).order_by("name")
        }
        self.fields["owner"].choices = [
            (ME, f"Me ({self.person.get_username()})"),
            *((key, f"Team {team.name}") for key, team in self.teams.items()),
        ]

    def issue_arguments(self) -> dict:
        """Keyword arguments for accounts.tokens.token_issue, from valid data."""
        data = self.cleaned_data
        team = self.teams.get(data["owner"])
        days = data["expires_in"]
        return {
            "name": data["name"],
            "scopes": data["scopes"],
            "team": team,
            "user": None if team else self.person,
            "expires_at": timezone.now() + datetime.timedelta(days=days) if days else None,
        }
