"""Where teams manage how they hear about sunsets: their recipients' channels (each
delivery and its attempts are in the admin)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.access import principal_of
from catalog.forms import add_service_errors
from catalog.views.access import to_login
from notifications import selectors
from notifications.forms import ChannelForm
from notifications.models import Channel, Recipient
from notifications.services import preferences as services


def _managed(request: HttpRequest, recipient_id: int) -> Recipient:
    """A recipient whose team the signed-in person belongs to (404 when it does not exist,
    403 when it is another team's)."""
    recipient = Recipient.objects.filter(pk=recipient_id).first()
    if recipient is None:
        raise Http404("There is no such recipient.")
    principal = principal_of(request)
    if principal.token is not None or recipient.team_id not in principal.team_ids:
        raise PermissionDenied("Only the recipient's team manages its channels.")
    return recipient


@require_GET
def preferences(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return to_login(request)
    recipients = selectors.managed_recipients(principal_of(request).team_ids)
    context = {"recipients": recipients, "blank_form": ChannelForm()}
    return render(request, "notifications/preferences.html", context)


@require_POST
def channel_add(request: HttpRequest, recipient_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return to_login(request)
    recipient = _managed(request, recipient_id)
    form = ChannelForm(request.POST)
    if form.is_valid():
        try:
            channel = services.channel_add(
                actor=principal_of(request).actor, recipient=recipient, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            note = f" Its signing secret: {channel.secret}" if channel.secret else ""
            messages.success(request, f"{channel} is added.{note}")
            return redirect("notifications:preferences")
    recipients = selectors.managed_recipients(principal_of(request).team_ids)
    context = {
        "recipients": recipients,
        "form": form,
        "blank_form": ChannelForm(),
        "form_recipient": recipient,
    }
    return render(request, "notifications/preferences.html", context, status=400)


@require_POST
def channel_toggle(request: HttpRequest, channel_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return to_login(request)
    channel = Channel.objects.filter(pk=channel_id).first()
    if channel is None:
        raise Http404("There is no such channel.")
    _managed(request, channel.recipient_id)
    services.channel_set_enabled(
        actor=principal_of(request).actor, channel=channel, enabled=not channel.enabled
    )
    return redirect("notifications:preferences")
