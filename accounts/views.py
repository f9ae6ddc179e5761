"""The tokens page: list, create (the secret is shown once), revoke with a confirmation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts.access import principal_of
from accounts.forms import TokenForm
from accounts.selectors import tokens_visible_to
from accounts.tokens import token_issue, token_revoke


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    principal = principal_of(request)
    form = TokenForm(request.POST or None, principal=principal)
    if form.is_valid():
        try:
            issued = token_issue(actor=principal.actor, **form.issue_arguments())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            response = render(request, "accounts/token_created.html", {"issued": issued})
            response["Cache-Control"] = "no-store"  # the page holds a secret
            return response
    tokens = list(tokens_visible_to(principal))
    now = timezone.now()
    for token in tokens:
        token.is_expired = token.expires_at is not None and token.expires_at <= now
        token.can_revoke = token.revoked_at is None and principal.can_revoke_token(token)
    return render(request, "accounts/tokens.html", {"form": form, "tokens": tokens})


@login_required
@require_http_methods(["GET", "POST"])
def token_revoke_confirm(request, pk: int):
    principal = principal_of(request)
    token = get_object_or_404(tokens_visible_to(principal), pk=pk)
    if not principal.can_revoke_token(token):
        raise PermissionDenied("Only the token's user or team owners revoke it.")
    if request.method == "POST":
        token_revoke(actor=principal.actor, token=token)
        messages.success(request, f"The token “{token.name}” is revoked.")
        return redirect("token-list")
    return render(request, "accounts/token_revoke.html", {"token": token})
