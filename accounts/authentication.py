from django.contrib.auth.models import AnonymousUser
from rest_framework import authentication, exceptions

from accounts.tokens import token_authenticate


class TokenUser(AnonymousUser):
    """The request.user of a team token: authenticated, but no person."""

    def __init__(self, token):
        self.token = token

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_username(self) -> str:
        return f"token:{self.token.prefix}"

    def __str__(self) -> str:
        return f"token {self.token.name} ({self.token.team})"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer ptk_...`. A user's token acts as that user.

    Being the first authentication class, its challenge makes DRF answer 401
    (with WWW-Authenticate) rather than 403 when credentials are missing.
    """

    keyword = "bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != self.keyword:  # RFC 9110: auth schemes are case-insensitive
            return None
        token = token_authenticate(secret.strip())
        if token is None:
            raise exceptions.AuthenticationFailed("The token is unknown, expired or revoked.")
        if token.user_id:
            if not token.user.is_active:
                raise exceptions.AuthenticationFailed("The token's user is inactive.")
            return token.user, token
        return TokenUser(token), token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
