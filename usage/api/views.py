"""Consumers over REST: registered by their team, with credentials and declared uses."""

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.access import principal_of
from accounts.permissions import CatalogReadAccess
from portal.api.views import PortalApiMixin
from usage import services
from usage.access import can_edit_consumer
from usage.api.serializers import (
    ConsumerSerializer,
    CredentialSerializer,
    DeclaredUseSerializer,
    DeclareSerializer,
)
from usage.filtersets import ConsumerFilterSet
from usage.models import Consumer, DeclaredUse


class ConsumerViewSet(
    PortalApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Consumer applications. Anyone who reads the catalog reads them; members of the
    owning team (or its write:specs tokens) register them and change their credentials
    and declared uses."""

    permission_classes = [CatalogReadAccess]
    serializer_class = ConsumerSerializer
    filterset_class = ConsumerFilterSet
    lookup_field = "slug"

    def get_queryset(self) -> QuerySet[Consumer]:
        uses = DeclaredUse.objects.select_related("version__api")
        return Consumer.objects.select_related("team").prefetch_related(
            "credentials", Prefetch("declared_uses", queryset=uses)
        )

    def perform_create(self, serializer) -> None:
        principal = principal_of(self.request)
        team = serializer.validated_data["team"]
        if not principal.can_edit_team_apis(team.pk):
            raise exceptions.PermissionDenied("Only members of the team register its consumers.")
        data = dict(serializer.validated_data)
        serializer.instance = services.consumer_create(actor=principal.actor, **data)

    def _editable(self, slug: str) -> Consumer:
        consumer = get_object_or_404(Consumer.objects.select_related("team"), slug=slug)
        if not can_edit_consumer(principal_of(self.request), consumer):
            raise exceptions.PermissionDenied("Only the consumer's team changes it.")
        return consumer

    @extend_schema(request=CredentialSerializer, responses={201: CredentialSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def credentials(self, request, slug=None):
        """Adds a credential (client id, key id, gateway consumer name)."""
        consumer = self._editable(slug)
        serializer = CredentialSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        credential = services.credential_add(
            actor=principal_of(request).actor, consumer=consumer, **serializer.validated_data
        )
        return Response(CredentialSerializer(credential).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DeclareSerializer, responses={201: DeclaredUseSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def uses(self, request, slug=None):
        """Declares that the consumer uses an API version. Declaring it again is harmless."""
        consumer = self._editable(slug)
        serializer = DeclareSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        use = services.declared_use_add(
            actor=principal_of(request).actor,
            consumer=consumer,
            source=DeclaredUse.Source.API,
            **serializer.validated_data,
        )
        return Response(DeclaredUseSerializer(use).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={204: None})
    @action(
        detail=True,
        methods=["delete"],
        url_path="uses/(?P<use_id>[0-9]+)",
        filterset_class=None,
    )
    def remove_use(self, request, slug=None, use_id=None):
        """Withdraws a declared use."""
        consumer = self._editable(slug)
        use = get_object_or_404(DeclaredUse, consumer=consumer, pk=use_id)
        services.declared_use_remove(actor=principal_of(request).actor, use=use)
        return Response(status=status.HTTP_204_NO_CONTENT)
