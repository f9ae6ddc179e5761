"""The FilterSet of releases, shared by the approvals pages and the REST API."""

import django_filters

from catalog.models import Audience
from governance.models import Release, ReleaseState


class ReleaseFilterSet(django_filters.FilterSet):
    state = django_filters.MultipleChoiceFilter(choices=ReleaseState.choices, label="State")
    api = django_filters.CharFilter(field_name="version__api__slug", label="API")
    team = django_filters.CharFilter(field_name="version__api__team__slug", label="Team")
    audience = django_filters.ChoiceFilter(choices=Audience.choices, label="Audience")
    breaking = django_filters.BooleanFilter(method="filter_breaking", label="Breaking changes")

    class Meta:
        model = Release
        fields = ["state", "api", "team", "audience", "breaking"]

    def filter_breaking(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(breaking_count__gt=0) if value else queryset.filter(breaking_count=0)
