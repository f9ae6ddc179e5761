"""The FilterSet of releases, shared by the approvals pages and the REST API."""

import django_filters
from django import forms

from catalog.models import Audience
from governance.models import Release, ReleaseState


class _AnyYesNo(forms.NullBooleanSelect):
    """Yes, no, or either: a filter's words for a boolean (Django's say "Unknown")."""

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs)
        self.choices = [("unknown", "Any"), ("true", "Yes"), ("false", "No")]


class ReleaseFilterSet(django_filters.FilterSet):
    state = django_filters.MultipleChoiceFilter(
        choices=ReleaseState.choices, label="State", widget=forms.CheckboxSelectMultiple
    )
    api = django_filters.CharFilter(field_name="version__api__slug", label="API")
    team = django_filters.CharFilter(field_name="version__api__team__slug", label="Team")
    audience = django_filters.ChoiceFilter(
        choices=Audience.choices, label="Audience", empty_label="Any"
    )
    breaking = django_filters.BooleanFilter(
        method="filter_breaking", label="Breaking changes", widget=_AnyYesNo
    )

    class Meta:
        model = Release
        fields = ["state", "api", "team", "audience", "breaking"]

    def filter_breaking(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(breaking_count__gt=0) if value else queryset.filter(breaking_count=0)
