"""Forms of the notification pages; the services hold the rules."""

from django import forms

from catalog.forms import DATE_WIDGET
from catalog.models import Audience, Version
from notifications.models import Channel


class DeprecateForm(forms.Form):
    sunset_on = forms.DateField(widget=DATE_WIDGET, label="Sunset date")
    successor = forms.ModelChoiceField(queryset=Version.objects.none(), required=False)
    migration_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Markdown: what callers change, and by when.",
    )
    override_reason = forms.CharField(
        max_length=500,
        required=False,
        help_text="Admins only: why this deprecation may give less notice than the policy.",
    )

    def __init__(self, *args, version: Version, can_override: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = Version.objects.filter(api=version.api).exclude(
            pk=version.pk
        )
        if not can_override:
            del self.fields["override_reason"]


class RetireForm(forms.Form):
    override_reason = forms.CharField(
        max_length=500,
        required=False,
        help_text="Needed when the version is still called: only admins can retire it then.",
    )


class PolicyForm(forms.Form):
    """The minimum notice of each audience, in days."""

    def __init__(self, *args, policy: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Audience.choices:
            self.fields[value] = forms.IntegerField(
                min_value=0, max_value=3650, initial=policy[value], label=f"{label} (days)"
            )


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(choices=Channel.Kind.choices)
    target = forms.CharField(max_length=500, help_text="An email address, or the hook's URL.")
