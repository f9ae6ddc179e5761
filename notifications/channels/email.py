"""Email through Django's mail API (the console backend in the demo), with a one-click
unsubscribe (RFC 8058) that mail clients offer next to the sender."""

import time

from django.conf import settings
from django.core.mail import EmailMessage

from notifications.channels import Outcome


def send(*, to: str, subject: str, body: str, unsubscribe_url: str) -> Outcome:
    started = time.monotonic()
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    try:
        message.send()
    except OSError as error:  # SMTP errors are OSErrors: the attempt is retried later
        duration = int((time.monotonic() - started) * 1000)
        return Outcome(
            ok=False, error=f"{type(error).__name__}: {error}"[:500], duration_ms=duration
        )
    return Outcome(ok=True, duration_ms=int((time.monotonic() - started) * 1000))
