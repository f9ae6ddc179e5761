"""Forms of the consumer pages."""

from django import forms

from accounts.access import Principal
from catalog.models import Lifecycle, Team, Version
from usage.models import Consumer, ConsumerCredential


class ConsumerForm(forms.ModelForm):
    class Meta:
        model = Consumer
        fields = [
            "name",
            "slug",
            "team",
            "description",
            "contact_name",
            "contact_email",
            "repository_url",
        ]
        help_texts = {"slug": "How events and the API name it; cannot change later."}

    def __init__(self, *args, principal: Principal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(pk__in=principal.team_ids)


class CredentialForm(forms.ModelForm):
    class Meta:
        model = ConsumerCredential
        fields = ["kind", "value", "label"]
        help_texts = {"value": "Exactly as the gateway logs it."}


class DeclaredUseForm(forms.Form):
    version = forms.ModelChoiceField(
        queryset=Version.objects.none(), help_text="A released or deprecated version."
    )
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = (
            Version.objects.filter(lifecycle__in=[Lifecycle.RELEASED, Lifecycle.DEPRECATED])
            .select_related("api")
            .order_by("api__name", "-major", "-minor", "-patch")
        )


class BackstageForm(forms.Form):
    file = forms.FileField(
        label="catalog-info.yaml", help_text="Its Components' consumesApis are declared."
    )
