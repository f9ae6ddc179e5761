"""Signed links in notices: unsubscribe from a channel, acknowledge a version's notices.

They carry ids only and never expire, as a link in a months-old mail must still work;
the signature (keyed by SECRET_KEY, salted per purpose) is what makes them unforgeable.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
ACKNOWLEDGE_SALT = "notifications.acknowledge"


def unsubscribe_token(channel_id: int) -> str:
    return signing.dumps({"channel": channel_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def acknowledge_token(recipient_id: int, version_id: int) -> str:
    payload = {"recipient": recipient_id, "version": version_id}
    return signing.dumps(payload, salt=ACKNOWLEDGE_SALT, compress=True)


def read_unsubscribe(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT)["channel"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def read_acknowledge(token: str) -> tuple[int, int] | None:
    try:
        payload = signing.loads(token, salt=ACKNOWLEDGE_SALT)
        return int(payload["recipient"]), int(payload["version"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe_url(channel_id: int) -> str:
    path = reverse("notifications:unsubscribe", args=[unsubscribe_token(channel_id)])
    return settings.PORTAL_BASE_URL + path


def acknowledge_url(recipient_id: int, version_id: int) -> str:
    path = reverse("notifications:acknowledge", args=[acknowledge_token(recipient_id, version_id)])
    return settings.PORTAL_BASE_URL + path
