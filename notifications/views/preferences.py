"""Where teams manage how they hear about sunsets: their recipients' channels, and each
channel's delivery log (every digest sent through it, its attempts, a retry of a dead
letter)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.access import principal_of
from catalog.forms import add_service_errors
from catalog.views.access import to_login
from notifications import selectors
from notifications.forms import ChannelForm
from notifications.models import Channel, Delivery, Recipient
from notifications.services import deliveries as delivery_services
from notifications.services import preferences as services

DELIVERIES_PER_PAGE = 25


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


def _managed_channel(request: HttpRequest, channel_id: int) -> Channel:
    channel = Channel.objects.filter(pk=channel_id).select_related("recipient").first()
    if channel is None:
        raise Http404("There is no such channel.")
    _managed(request, channel.recipient_id)
    return channel


@require_POST
def channel_toggle(request: HttpRequest, channel_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return to_login(request)
    channel = _managed_channel(request, channel_id)
    services.channel_set_enabled(
        actor=principal_of(request).actor, channel=channel, enabled=not channel.enabled
    )
    return redirect("notifications:preferences")


@require_GET
def channel_deliveries(request: HttpRequest, channel_id: int) -> HttpResponse:
    """The channel's delivery log: what was sent when, each attempt's answer, the dead
    letters (with a retry)."""
    if not request.user.is_authenticated:
        return to_login(request)
    channel = _managed_channel(request, channel_id)
    deliveries = selectors.channel_deliveries(channel)
    page = Paginator(deliveries, DELIVERIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {"channel": channel, "page": page, "dead": Delivery.Status.DEAD}
    return render(request, "notifications/deliveries.html", context)


@require_POST
def delivery_retry(request: HttpRequest, delivery_id: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return to_login(request)
    delivery = Delivery.objects.filter(pk=delivery_id).select_related("channel").first()
    if delivery is None:
        raise Http404("There is no such delivery.")
    _managed(request, delivery.channel.recipient_id)
    try:
        delivery_services.delivery_retry(actor=principal_of(request).actor, delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The delivery is queued for one more attempt.")
    return redirect("notifications:channel-deliveries", channel_id=delivery.channel_id)
