"""Teams, APIs and versions over REST. Views check who may act; services do the writing."""

from functools import cached_property

from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from accounts.access import principal_of
from accounts.permissions import require_team_edit
from catalog import selectors
from catalog.api.serializers import (
    ApiSerializer,
    ApiSummarySerializer,
    AuditEventSerializer,
    TeamSerializer,
    VersionSerializer,
    VersionUpdateSerializer,
)
from catalog.filtersets import ApiFilterSet, AuditEventFilterSet, TeamFilterSet, VersionFilterSet
from catalog.models import Api, Version
from portal.api.views import PortalApiMixin

API_SLUG = OpenApiParameter("api_slug", str, OpenApiParameter.PATH, description="The API's slug.")
# A semantic version in a URL: 1.4.0, 2.0.0-beta.1 (dots, hence not DRF's default).
VERSION_IN_PATH = r"[0-9A-Za-z.\-]+"


def version_rows() -> QuerySet[Version]:
    """Versions with what their serializer reads, in a constant number of queries."""
    return Version.objects.select_related("api", "successor").annotate(
        spec_sha256=F("spec__sha256")
    )


class TeamViewSet(PortalApiMixin, viewsets.ReadOnlyModelViewSet):
    """Teams own APIs; a team's tokens and members edit only that team's APIs."""

    queryset = selectors.teams_with_counts()
    serializer_class = TeamSerializer
    filterset_class = TeamFilterSet
    lookup_field = "slug"


class PartialUpdateMixin:
    """PATCH only: a PUT that must resend every field invites lost updates."""

    def partial_update(self, request, *args, **kwargs):
        instance = self.get_object()
        self.check_edit(instance)
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        self.check_edit_data(instance, serializer.validated_data)
        serializer.save()
        return Response(serializer.data)

    def check_edit(self, instance) -> None:
        raise NotImplementedError

    def check_edit_data(self, instance, data) -> None:
        """Rules on the new values (moving an API to another team)."""


class ApiViewSet(
    PortalApiMixin,
    PartialUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The catalog's APIs, with the same filters as the catalog page."""

    filterset_class = ApiFilterSet
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Api]:
        if self.action == "list":
            return selectors.api_list()
        return Api.objects.select_related("team")

    def get_serializer_class(self):
        return ApiSummarySerializer if self.action == "list" else ApiSerializer

    def perform_create(self, serializer) -> None:
        require_team_edit(self.request, serializer.validated_data["team"].pk)
        serializer.save()

    def check_edit(self, instance: Api) -> None:
        require_team_edit(self.request, instance.team_id)

    def check_edit_data(self, instance: Api, data) -> None:
        if "team" in data and data["team"].pk != instance.team_id:
            require_team_edit(self.request, data["team"].pk)


@extend_schema(parameters=[API_SLUG])
class ApiVersionViewSet(
    PortalApiMixin,
    PartialUpdateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The versions of one API: lifecycle, dates, successor and release notes."""

    filterset_class = VersionFilterSet
    lookup_field = "version"
    lookup_value_regex = VERSION_IN_PATH

    @cached_property
    def api(self) -> Api:
        return get_object_or_404(Api.objects.select_related("team"), slug=self.kwargs["api_slug"])

    def get_queryset(self) -> QuerySet[Version]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no URL
            return Version.objects.none()
        return version_rows().filter(api=self.api)

    def get_serializer_class(self):
        return VersionUpdateSerializer if self.action == "partial_update" else VersionSerializer

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["api"] = self.api
        return context

    def create(self, request, *args, **kwargs):
        require_team_edit(request, self.api.team_id)
        return super().create(request, *args, **kwargs)

    def check_edit(self, instance: Version) -> None:
        require_team_edit(self.request, self.api.team_id)


class VersionViewSet(PortalApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Every version of every API, for questions such as "what sunsets in 90 days?"."""

    queryset = version_rows()
    serializer_class = VersionSerializer
    filterset_class = VersionFilterSet


class ActivityPagination(CursorPagination):
    """Newest first, by an opaque cursor: the trail only grows, so offsets would shift
    under a reader (and grow slow), where a cursor resumes exactly where it stopped."""

    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 200


class AuditEventViewSet(PortalApiMixin, viewsets.ReadOnlyModelViewSet):
    """The audit trail, for a SIEM or an auditor: admins and governance reviewers (and
    their read tokens) read every event; other readers the changes to APIs, as the API
    pages show them, those concerning their teams, and their own."""

    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilterSet
    pagination_class = ActivityPagination

    def get_queryset(self) -> QuerySet:
        return selectors.activity_visible_to(principal_of(self.request))
