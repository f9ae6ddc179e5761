"""Signed webhooks in the Standard Webhooks style: `webhook-id`, `webhook-timestamp`, and
`webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">` keyed with the
base64 secret after `whsec_`."""

import base64
import hashlib
import hmac
import json
from typing import Any

from notifications.channels import Outcome, transport

SECRET_PREFIX = "whsec_"


def signature(*, secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def send(
    *, url: str, secret: str, message_id: str, timestamp: int, payload: dict[str, Any]
) -> Outcome:
    body = json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "api-portal-webhooks/1",
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(
            secret=secret, message_id=message_id, timestamp=timestamp, body=body
        ),
    }
    return transport.post(url, body, headers)
