"""The portal's OpenAPI generation: every operation documents its problem responses."""

import copy
import re

from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from portal.api.problems import PROBLEM_CONTENT_TYPE, TITLES


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as every 4xx of the API answers."""

    type = serializers.URLField(help_text="Names the kind of problem; stable for scripts.")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(help_text="What went wrong with this request.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages by field, when fields were invalid.",
    )

    class Meta:
        ref_name = "Problem"


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's schema plus the problems an operation can answer with."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._problem_codes():
            responses.setdefault(
                str(code),
                {
                    "description": TITLES[code],
                    "content": {
                        PROBLEM_CONTENT_TYPE: {"schema": self._problem_schema()},
                    },
                },
            )
        return responses

    def _tokenize_path(self) -> list[str]:
        # Tags and operation ids from the resource, not the API version: "apis", not "v1".
        tokens = super()._tokenize_path()
        return tokens[1:] if tokens and re.fullmatch(r"v\d+", tokens[0]) else tokens

    def _problem_schema(self) -> dict:
        return self.resolve_serializer(ProblemSerializer, "response").ref

    def _problem_codes(self) -> list[int]:
        codes = [401, 403]
        writes = self.method in ("POST", "PUT", "PATCH")
        if writes or self._is_list_view():
            codes.append(400)
        if "{" in self.path:
            codes.append(404)
        if writes:
            codes += [413, 415]
        if self.method == "POST":
            codes.append(409)
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            codes.append(429)
        return sorted(codes)


class PortalFilterExtension(DjangoFilterExtension):
    """django-filter's extension, plus: filters on slugs or free text take strings.

    Without it, a filter on `team__slug` or on tags (open choices) has no model field
    to read a type from, and drf-spectacular warns.
    """

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if _takes_strings(filter_field):
            # A copy: the FilterSet class is shared with the HTML pages.
            filter_field = extend_schema_field(OpenApiTypes.STR)(copy.copy(filter_field))
        return super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )


def _takes_strings(filter_field) -> bool:
    if isinstance(filter_field, (filters.ModelChoiceFilter, filters.ModelMultipleChoiceFilter)):
        return bool(filter_field.extra.get("to_field_name"))
    return isinstance(filter_field, filters.MultipleChoiceFilter) and (
        "choices" not in filter_field.extra
    )
