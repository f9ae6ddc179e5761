"""Forms of the governance pages. They check shapes; the services check rulesets."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from catalog.models import Audience, Team
from governance.engine import BUILTINS
from governance.models import Ruleset
from governance.services.rulesets import RULESET_MAX_BYTES

SOURCE_WIDGET = forms.Textarea(attrs={"rows": 24, "spellcheck": "false", "class": "code"})


class RulesetSourceForm(forms.Form):
    """The text of a ruleset, typed or pasted, or uploaded as a file (the file wins)."""

    source = forms.CharField(
        widget=SOURCE_WIDGET,
        required=False,
        strip=False,
        label="Ruleset (YAML or JSON)",
        help_text="A Spectral ruleset: extends, rules with given, then, severity...",
    )
    upload = forms.FileField(required=False, label="Or upload a file")
    note = forms.CharField(max_length=300, required=False, label="What changed")

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload is not None:
            if upload.size > RULESET_MAX_BYTES:
                raise forms.ValidationError(f"The file is over {RULESET_MAX_BYTES:,} bytes.")
            try:
                data["source"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not UTF-8 text.") from None
        if not data.get("source", "").strip():
            self.add_error("source", "Paste the ruleset or upload its file.")
        return data


class RulesetCreateForm(RulesetSourceForm):
    name = forms.CharField(max_length=120)
    slug = forms.SlugField(max_length=120, required=False, help_text="Made from the name if empty.")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)

    field_order = ["name", "slug", "description", "source", "upload", "note"]


class AssignmentForm(forms.Form):
    """Which ruleset governs a scope; "the built-in default" removes the scope's choice."""

    scope = forms.ChoiceField(
        choices=[
            ("organisation", "Every API (organisation default)"),
            ("team", "A team"),
            ("audience", "An audience"),
        ],
    )
    team = forms.ModelChoiceField(Team.objects.all(), required=False, to_field_name="slug")
    audience = forms.ChoiceField(choices=[("", "—"), *Audience.choices], required=False)
    ruleset = forms.ModelChoiceField(
        Ruleset.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label="The built-in default (portal:recommended), or the next scope's",
    )

    def clean(self):
        data = super().clean()
        if data.get("scope") == "team" and not data.get("team"):
            self.add_error("team", "Choose the team.")
        if data.get("scope") == "audience" and not data.get("audience"):
            self.add_error("audience", "Choose the audience.")
        return data

    def service_scope(self) -> dict:
        scope = self.cleaned_data["scope"]
        return {
            "team": self.cleaned_data["team"] if scope == "team" else None,
            "audience": self.cleaned_data["audience"] if scope == "audience" else "",
            "organisation": scope == "organisation",
        }


class CompareForm(forms.Form):
    """Two versions of one API, among those with a parsed spec, newest first."""

    base = forms.ChoiceField(label="From")
    revision = forms.ChoiceField(label="To")

    def __init__(self, data, *, versions: list[str]) -> None:
        super().__init__(data)
        choices = [(name, name) for name in versions]
        self.fields["base"].choices = choices
        self.fields["revision"].choices = choices

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("base") and cleaned.get("base") == cleaned.get("revision"):
            raise forms.ValidationError("Choose two different versions to compare.")
        return cleaned


class LintTryForm(forms.Form):
    """A document to lint without storing it, as a file or pasted, and the rules to use."""

    file = forms.FileField(
        label="OpenAPI document",
        required=False,
        help_text="YAML or JSON, OpenAPI 2.0 (Swagger) to 3.2.",
    )
    text = forms.CharField(
        label="Or paste it",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "class": "code"}),
    )
    ruleset = forms.ChoiceField(label="Rules", required=False)

    def __init__(self, data=None, files=None, *, rulesets: list[tuple[str, str]]) -> None:
        super().__init__(data, files)
        # Django refuses a request whose fields (files aside) exceed this, before any view.
        pasted = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        self.fields["text"].help_text = f"Up to {pasted}; choose a file for a larger document."
        self.fields["ruleset"].choices = [
            ("", "The organisation's default"),
            *((name, f"Built-in {name}") for name in BUILTINS),
            *rulesets,
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.PORTAL_SPEC_MAX_BYTES
        if upload and upload.size > limit:
            raise forms.ValidationError(
                f"The file is {filesizeformat(upload.size)}; the limit is {filesizeformat(limit)}."
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("file"), cleaned.get("text") or ""
        if self.errors:
            return cleaned
        if upload and text.strip():
            raise forms.ValidationError("Choose a file or paste a document, not both.")
        if not upload and not text.strip():
            raise forms.ValidationError("Choose a file or paste a document to lint.")
        content = upload.read() if upload else text.encode()
        if len(content) > settings.PORTAL_SPEC_MAX_BYTES:
            self.add_error(
                "text",
                f"The document is {filesizeformat(len(content))}; the limit is "
                f"{filesizeformat(settings.PORTAL_SPEC_MAX_BYTES)}.",
            )
        cleaned["content"] = content
        cleaned["filename"] = (upload.name if upload else "") or "pasted.yaml"
        return cleaned
