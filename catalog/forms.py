"""Forms of the catalog pages. They check shapes; the services hold the rules and
their ValidationErrors are shown on the form by `add_service_errors`."""

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from catalog.models import Api, Audience, Lifecycle, MetadataField, Team, Version
from catalog.services.versions import TRANSITIONS

METADATA_PREFIX = "meta_"
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Puts a service's ValidationError on the form, field by field where it can."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        field = key.replace("metadata.", METADATA_PREFIX, 1)
        form.add_error(field if field in form.fields else None, messages)


def _metadata_form_field(field: MetadataField) -> forms.Field:
    common = {"label": field.label, "help_text": field.help_text, "required": field.required}
    kind = MetadataField.Kind
    if field.kind == kind.NUMBER:
        return forms.DecimalField(**common)
    if field.kind == kind.BOOLEAN:
        choices = [("", "—"), ("true", "Yes"), ("false", "No")]
        return forms.ChoiceField(choices=choices, **common)
    if field.kind == kind.DATE:
        return forms.DateField(widget=DATE_WIDGET, **common)
    if field.kind == kind.CHOICE:
        return forms.ChoiceField(choices=[("", "—"), *((c, c) for c in field.choices)], **common)
    if field.kind == kind.URL:
        return forms.URLField(assume_scheme="https", **common)
    return forms.CharField(max_length=1000, **common)


def _metadata_form_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class ApiForm(forms.Form):
    """An API's descriptive fields and its custom metadata (not its team or slug)."""

    name = forms.CharField(max_length=200)
    summary = forms.CharField(max_length=300, required=False)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}), required=False, help_text="Markdown."
    )
    audience = forms.ChoiceField(choices=Audience.choices)
    tags = forms.CharField(required=False, help_text="Separated by commas.")
    repository_url = forms.URLField(label="Repository", required=False, assume_scheme="https")
    docs_url = forms.URLField(label="Documentation", required=False, assume_scheme="https")
    runbook_url = forms.URLField(label="Runbook", required=False, assume_scheme="https")

    def __init__(self, *args: Any, metadata_fields: list[MetadataField], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metadata_keys = [field.key for field in metadata_fields]
        for field in metadata_fields:
            self.fields[METADATA_PREFIX + field.key] = _metadata_form_field(field)

    @staticmethod
    def initial_for(api: Api) -> dict[str, Any]:
        initial = {
            name: getattr(api, name)
            for name in ("name", "summary", "description", "audience", "repository_url")
        }
        initial |= {"docs_url": api.docs_url, "runbook_url": api.runbook_url}
        initial["tags"] = ", ".join(api.tags)
        for key, value in api.metadata.items():
            initial[METADATA_PREFIX + key] = _metadata_form_value(value)
        return initial

    def clean_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as api_update's keyword arguments."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.base_fields}
        fields["metadata"] = {
            key: _metadata_service_value(data.get(METADATA_PREFIX + key))
            for key in self.metadata_keys
        }
        return fields


def _metadata_service_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class ApiMoveForm(forms.Form):
    """Another team to own an API: one of the teams the editor also edits."""

    team = forms.ModelChoiceField(
        queryset=Team.objects.none(),
        label="New owner team",
        help_text="Its members edit the API from now on; the old team's members no longer do.",
    )

    def __init__(self, data=None, *, api: Api, team_ids: frozenset[int]) -> None:
        super().__init__(data)
        others = Team.objects.filter(pk__in=team_ids).exclude(pk=api.team_id).order_by("name")
        self.fields["team"].queryset = others


class VersionCreateForm(forms.Form):
    version = forms.CharField(max_length=100, help_text="A semantic version such as 1.4.0.")
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="Markdown."
    )


class VersionUpdateForm(forms.Form):
    """Lifecycle, dates, successor and notes; the lifecycle offers only allowed moves."""

    lifecycle = forms.ChoiceField()
    released_on = forms.DateField(required=False, widget=DATE_WIDGET)
    deprecated_on = forms.DateField(required=False, widget=DATE_WIDGET)
    sunset_on = forms.DateField(required=False, widget=DATE_WIDGET)
    successor = forms.ModelChoiceField(queryset=Version.objects.none(), required=False)
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text="Markdown."
    )

    def __init__(self, *args: Any, version: Version, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        for name in ("lifecycle", "released_on", "deprecated_on", "sunset_on", "notes"):
            kwargs["initial"].setdefault(name, getattr(version, name))
        kwargs["initial"].setdefault("successor", version.successor_id)
        super().__init__(*args, **kwargs)
        allowed = {version.lifecycle, *TRANSITIONS[version.lifecycle]}
        self.fields["lifecycle"].choices = [c for c in Lifecycle.choices if c[0] in allowed]
        self.fields["successor"].queryset = Version.objects.filter(api_id=version.api_id).exclude(
            pk=version.pk
        )


class SpecUploadForm(forms.Form):
    file = forms.FileField(
        label="OpenAPI document", help_text="YAML or JSON, OpenAPI 2.0 (Swagger) to 3.2."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.PORTAL_SPEC_MAX_BYTES
        if upload.size > limit:
            # Refused before reading, so a huge upload is never held in memory twice.
            raise ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}."
            )
        return upload
