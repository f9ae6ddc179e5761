"""Slack incoming webhooks: a text message with Slack's link markup, POSTed as JSON."""

import json

from notifications.channels import Outcome, transport


def send(*, url: str, text: str) -> Outcome:
    body = json.dumps({"text": text, "unfurl_links": False}).encode()
    return transport.post(url, body, {"Content-Type": "application/json"})
