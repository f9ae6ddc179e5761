"""One FilterSet per model, shared by the governance pages and the REST API."""

import django_filters

from catalog.filtersets import MultiValueCharFilter
from governance.models import LintFinding, RelintBatch, Ruleset, Severity

# Spectral's names for its severities, as `--fail-severity` takes them.
SEVERITY_NAMES = {"error": 0, "warn": 1, "info": 2, "hint": 3}


class LintFindingFilterSet(django_filters.FilterSet):
    severity = django_filters.MultipleChoiceFilter(
        choices=[(name, Severity(number).label) for name, number in SEVERITY_NAMES.items()],
        method="filter_severity",
        label="Severity",
    )
    code = MultiValueCharFilter(field_name="code", label="Rule")
    new = django_filters.BooleanFilter(
        field_name="is_new", label="New in this version (not inherited)"
    )

    class Meta:
        model = LintFinding
        fields = ["severity", "code", "new"]

    def filter_severity(self, queryset, name, value):
        numbers = [SEVERITY_NAMES[item] for item in value]
        return queryset.filter(severity__in=numbers) if numbers else queryset


class RulesetFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Search")

    class Meta:
        model = Ruleset
        fields = ["q"]


class RelintBatchFilterSet(django_filters.FilterSet):
    ruleset = django_filters.CharFilter(field_name="ruleset__slug", label="Ruleset")
    running = django_filters.BooleanFilter(
        field_name="finished_at", lookup_expr="isnull", label="Still running"
    )

    class Meta:
        model = RelintBatch
        fields = ["ruleset", "running"]
