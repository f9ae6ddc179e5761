"""Serializers of API tokens. The secret appears in one response only: the creation's."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.access import principal_of
from accounts.models import ApiToken, Scope
from accounts.tokens import token_issue
from catalog.models import Team


class TokenSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="v1:token-detail")
    team = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Team.objects.all(),
        allow_null=True,
        required=False,
        help_text="The owning team's slug; leave out for a token of your own.",
    )
    user = serializers.SlugRelatedField(slug_field="username", read_only=True)
    scopes = serializers.ListField(
        child=serializers.ChoiceField(choices=Scope.choices), min_length=1, max_length=2
    )
    created_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    can_revoke = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "url",
            "name",
            "prefix",
            "team",
            "user",
            "scopes",
            "created_by",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "can_revoke",
        ]
        read_only_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]

    @extend_schema_field(serializers.BooleanField)
    def get_can_revoke(self, token: ApiToken) -> bool:
        return token.revoked_at is None and principal_of(self.context["request"]).can_revoke_token(
            token
        )

    def create(self, validated_data) -> ApiToken:
        principal = principal_of(self.context["request"])
        team = validated_data.get("team")
        issued = token_issue(
            actor=principal.actor,
            name=validated_data["name"],
            scopes=validated_data["scopes"],
            team=team,
            user=None if team else principal.person,
            expires_at=validated_data.get("expires_at"),
        )
        issued.token.secret = issued.secret  # for this one response; never stored
        return issued.token


class IssuedTokenSerializer(TokenSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="Send as `Authorization: Bearer <secret>`. Shown only once."
    )

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "secret"]
