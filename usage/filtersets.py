"""One FilterSet per model, shared by the consumers page and the REST API."""

import django_filters
from django.db.models import Q

from usage.models import Consumer


class ConsumerFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label="Search")
    team = django_filters.CharFilter(field_name="team__slug", label="Team")
    uses = django_filters.CharFilter(
        field_name="declared_uses__version__api__slug", label="Declares use of API", distinct=True
    )

    class Meta:
        model = Consumer
        fields = ["q", "team", "uses"]

    def filter_q(self, queryset, name, value):
        value = value.strip()[:100].replace("\x00", "")
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value) | Q(slug__icontains=value) | Q(credentials__value=value)
        ).distinct()
