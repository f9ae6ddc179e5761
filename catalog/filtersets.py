"""One FilterSet per model, shared by the HTML pages and the REST API (as NetBox does),
so the UI and the API never disagree on what a filter means."""

import datetime
import re

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, Q
from django.utils import timezone

from catalog.models import (
    Api,
    Audience,
    AuditEvent,
    Lifecycle,
    LintStatus,
    SpecDocument,
    Team,
    Version,
)


class _AnyValueField(forms.MultipleChoiceField):
    """A multi-value field with open choices (tags are free text)."""

    def valid_value(self, value) -> bool:
        # PostgreSQL text cannot hold NUL: refused here, it would be a 500 in the query.
        return len(value) <= 50 and "\x00" not in value


class MultiValueCharFilter(django_filters.MultipleChoiceFilter):
    field_class = _AnyValueField


_WORD = re.compile(r"[\w.-]+", re.UNICODE)


def search_query(text: str) -> SearchQuery | None:
    """A prefix query for search-as-you-type: `pay ref` matches "payments refunds".

    Words are taken from the text (never passed raw to to_tsquery) and each must match.
    """
    words = _WORD.findall(text.lower())[:8]
    if not words:
        return None
    raw = " & ".join(f"'{word}':*" for word in words)
    return SearchQuery(raw, search_type="raw", config="english")


# The lint status facet's values: LintStatus, and "unlinted" for APIs without a result
# (no version with a spec yet), stored as "".
LINT_STATUS_CHOICES = [*LintStatus.choices, ("unlinted", "Not linted")]


class ApiFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")
    team = django_filters.ModelMultipleChoiceFilter(
        field_name="team__slug", to_field_name="slug", queryset=Team.objects.all(), label="Team"
    )
    audience = django_filters.MultipleChoiceFilter(choices=Audience.choices)
    lifecycle = django_filters.MultipleChoiceFilter(
        choices=Lifecycle.choices, method="filter_lifecycle", label="Lifecycle"
    )
    tag = MultiValueCharFilter(method="filter_tag", label="Tag")
    sunset_within = django_filters.NumberFilter(
        method="filter_sunset_within", label="Sunsets within (days)", min_value=0, max_value=3650
    )
    lint_status = django_filters.MultipleChoiceFilter(
        choices=LINT_STATUS_CHOICES, method="filter_lint_status", label="Lint status"
    )
    lint_score_min = django_filters.NumberFilter(
        field_name="lint_score",
        lookup_expr="gte",
        min_value=0,
        max_value=100,
        label="Score at least",
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("name", "name"),
            ("updated_at", "updated"),
            ("next_sunset_on", "sunset"),
            ("lint_score", "score"),
        ),
        label="Sort",
    )

    class Meta:
        model = Api
        fields = [
            "q",
            "team",
            "audience",
            "lifecycle",
            "tag",
            "sunset_within",
            "lint_status",
            "lint_score_min",
        ]

    def filter_q(self, queryset, name, value):
        query = search_query(value)
        if query is None:
            return queryset
        queryset = queryset.filter(search_vector=query).annotate(
            rank=SearchRank(F("search_vector"), query)
        )
        if not self.data.get("sort"):
            queryset = queryset.order_by("-rank", "name", "id")  # ties: stable pages
        return queryset

    def filter_lifecycle(self, queryset, name, value):
        return queryset.filter(lifecycles__overlap=list(value)) if value else queryset

    def filter_lint_status(self, queryset, name, value):
        statuses = ["" if status == "unlinted" else status for status in value]
        return queryset.filter(lint_status__in=statuses) if statuses else queryset

    def filter_tag(self, queryset, name, value):
        return queryset.filter(tags__contains=[tag.lower() for tag in value]) if value else queryset

    def filter_sunset_within(self, queryset, name, value):
        if value is None:
            return queryset
        limit = timezone.localdate() + datetime.timedelta(days=int(value))
        return queryset.filter(next_sunset_on__lte=limit)


class VersionFilterSet(django_filters.FilterSet):
    api = django_filters.CharFilter(field_name="api__slug", label="API")
    team = django_filters.CharFilter(field_name="api__team__slug", label="Team")
    lifecycle = django_filters.MultipleChoiceFilter(choices=Lifecycle.choices)
    sunset_within = django_filters.NumberFilter(method="filter_sunset_within", min_value=0)
    sort = django_filters.OrderingFilter(
        fields=(("created_at", "created"), ("sunset_on", "sunset"), ("released_on", "released"))
    )

    class Meta:
        model = Version
        fields = ["api", "team", "lifecycle", "sunset_within"]

    def filter_sunset_within(self, queryset, name, value):
        if value is None:
            return queryset
        limit = timezone.localdate() + datetime.timedelta(days=int(value))
        return queryset.filter(sunset_on__lte=limit).exclude(lifecycle=Lifecycle.RETIRED)


class TeamFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")

    class Meta:
        model = Team
        fields = ["q"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(slug__icontains=value))


class SpecDocumentFilterSet(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=SpecDocument.Status.choices)
    openapi_family = django_filters.CharFilter()
    sha256 = django_filters.CharFilter()

    class Meta:
        model = SpecDocument
        fields = ["status", "openapi_family", "sha256"]


# The audit trail's kinds of change: the first word of an action ("release.approve").
AUDIT_AREAS = [
    ("api", "APIs"),
    ("version", "Versions"),
    ("release", "Releases"),
    ("ruleset", "Rulesets"),
    ("team", "Teams"),
    ("token", "API tokens"),
    ("consumer", "Consumers"),
    ("channel", "Notice channels"),
    ("delivery", "Notice deliveries"),
    ("notice_policy", "Deprecation policy"),
]


class AuditEventFilterSet(django_filters.FilterSet):
    api = django_filters.CharFilter(field_name="api__slug", label="API (slug)", max_length=100)
    team = django_filters.ModelChoiceFilter(
        field_name="team",
        to_field_name="slug",
        queryset=Team.objects.order_by("name"),
        label="Team",
        empty_label="Any",
    )
    area = django_filters.ChoiceFilter(
        choices=AUDIT_AREAS, method="filter_area", label="Kind of change", empty_label="Any"
    )
    actor = django_filters.CharFilter(
        field_name="actor_label", lookup_expr="icontains", label="By", max_length=200
    )
    since = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label="Until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["api", "team", "area", "actor", "since", "until"]

    def filter_area(self, queryset, name, value):
        return queryset.filter(action__startswith=f"{value}.")
