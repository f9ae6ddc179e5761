"""How a digest leaves the portal: email, signed webhooks and Slack incoming webhooks.

Each channel's `send` returns an `Outcome`; none raises for a failed delivery.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """What one attempt gave: sent, or an error, and whether trying again can help."""

    ok: bool
    status_code: int | None = None
    error: str = ""
    gone: bool = False  # the receiver answered 410: stop using this channel
    permanent: bool = False  # a refused target: retrying cannot help
    duration_ms: int = 0
