"""API tokens over REST, for the signed-in person (a token cannot manage tokens)."""

from django.db.models import QuerySet
from rest_framework import exceptions, mixins, viewsets

from accounts.access import principal_of
from accounts.api.serializers import IssuedTokenSerializer, TokenSerializer
from accounts.models import ApiToken
from accounts.permissions import SignedInPerson
from accounts.selectors import tokens_visible_to
from accounts.tokens import token_revoke
from portal.api.views import PortalApiMixin


class TokenViewSet(
    PortalApiMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Your tokens and your teams' tokens. Create returns the secret once; delete revokes."""

    permission_classes = [SignedInPerson]
    filterset_class = None

    def get_queryset(self) -> QuerySet[ApiToken]:
        return tokens_visible_to(principal_of(self.request))

    def get_serializer_class(self):
        return IssuedTokenSerializer if self.action == "create" else TokenSerializer

    def perform_create(self, serializer) -> None:
        team = serializer.validated_data.get("team")
        if team is not None and not principal_of(self.request).can_manage_team(team.pk):
            raise exceptions.PermissionDenied("Only the team's owners issue its tokens.")
        serializer.save()

    def perform_destroy(self, instance: ApiToken) -> None:
        principal = principal_of(self.request)
        if not principal.can_revoke_token(instance):
            raise exceptions.PermissionDenied("Only the token's user or team owners revoke it.")
        token_revoke(actor=principal.actor, token=instance)
