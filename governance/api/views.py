"""Rulesets, their assignments and re-lint progress over REST (admins and reviewers)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.access import principal_of
from governance import selectors, services
from governance.api.permissions import GovernanceManager
from governance.api.serializers import (
    AssignmentSerializer,
    RelintBatchSerializer,
    ReviseSerializer,
    RevisionSerializer,
    RulesetDetailSerializer,
    RulesetSerializer,
)
from governance.filtersets import RelintBatchFilterSet, RulesetFilterSet
from governance.models import RulesetAssignment
from portal.api.views import PortalApiMixin


class RulesetViewSet(
    PortalApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Governance rulesets (Spectral rulesets), each a list of immutable revisions."""

    permission_classes = [GovernanceManager]
    filterset_class = RulesetFilterSet
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet:
        if self.action == "retrieve":
            return selectors.rulesets_with_revisions()
        return selectors.rulesets_with_latest()

    def get_serializer_class(self):
        return RulesetDetailSerializer if self.action == "retrieve" else RulesetSerializer

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ruleset = selectors.rulesets_with_revisions().get(pk=serializer.save().pk)
        data = RulesetDetailSerializer(ruleset, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ReviseSerializer,
        responses={201: OpenApiResponse(RevisionSerializer, description="The new revision.")},
    )
    @action(detail=True, methods=["post"], serializer_class=ReviseSerializer, filterset_class=None)
    def revise(self, request, slug=None):
        """Saves a new revision (checked by the engine first) and re-lints, in the background,
        the latest version of each API the ruleset governs."""
        ruleset = get_object_or_404(selectors.rulesets_with_latest(), slug=slug)
        serializer = ReviseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        revision = services.ruleset_revise(
            actor=principal_of(request).actor, ruleset=ruleset, **serializer.validated_data
        )
        return Response(RevisionSerializer(revision).data, status=status.HTTP_201_CREATED)


class AssignmentViewSet(
    PortalApiMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Which ruleset governs what: POST with `team`, `audience`, or neither (the organisation
    default) replaces that scope's ruleset; DELETE falls back to the next scope."""

    permission_classes = [GovernanceManager]
    serializer_class = AssignmentSerializer
    filterset_class = None
    queryset = RulesetAssignment.objects.select_related("ruleset", "team", "created_by")

    def perform_destroy(self, instance: RulesetAssignment) -> None:
        services.ruleset_assign(
            actor=principal_of(self.request).actor,
            ruleset=None,
            team=instance.team,
            audience=instance.audience,
            organisation=instance.scope == RulesetAssignment.Scope.ORGANISATION,
        )


class RelintBatchViewSet(PortalApiMixin, viewsets.ReadOnlyModelViewSet):
    """The background re-lints that follow ruleset changes, with their progress."""

    permission_classes = [GovernanceManager]
    serializer_class = RelintBatchSerializer
    filterset_class = RelintBatchFilterSet
    queryset = selectors.relint_batches()
