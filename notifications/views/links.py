"""The signed links in notices: unsubscribe from a channel, acknowledge a version's notices.

No sign-in: the signature is the permission. GET shows a confirmation (link scanners
and previews fetch links); POST acts. Unsubscribe also takes the RFC 8058 one-click POST
that mail clients send without a CSRF token.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from catalog.models import Version
from notifications.models import Channel, Recipient
from notifications.services.preferences import channel_unsubscribe, notices_acknowledge
from notifications.tokens import read_acknowledge, read_unsubscribe


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    channel_id = read_unsubscribe(token)
    channel = Channel.objects.select_related("recipient").filter(pk=channel_id).first()
    if channel is None:
        raise Http404("This link is not valid.")
    done = False
    if request.method == "POST":
        channel = channel_unsubscribe(channel_id=channel.pk)
        done = True
    return render(request, "notifications/unsubscribe.html", {"channel": channel, "done": done})


@require_http_methods(["GET", "POST"])
def acknowledge(request: HttpRequest, token: str) -> HttpResponse:
    ids = read_acknowledge(token)
    if ids is None:
        raise Http404("This link is not valid.")
    recipient = Recipient.objects.filter(pk=ids[0]).first()
    version = Version.objects.select_related("api").filter(pk=ids[1]).first()
    if recipient is None or version is None:
        raise Http404("This link is not valid.")
    done = False
    if request.method == "POST":
        notices_acknowledge(recipient_id=recipient.pk, version_id=version.pk)
        done = True
    context = {"recipient": recipient, "version": version, "done": done}
    return render(request, "notifications/acknowledge.html", context)
