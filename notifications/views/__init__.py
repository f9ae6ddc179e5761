"""The notification pages: the sunset cockpit, deprecation, preferences and signed links."""

from notifications.views.cockpit import sunset_detail, sunset_list, sunset_retire
from notifications.views.deprecation import deprecate_page, migration_note, policy_page
from notifications.views.links import acknowledge, unsubscribe
from notifications.views.preferences import (
    channel_add,
    channel_deliveries,
    channel_toggle,
    delivery_retry,
    preferences,
)

__all__ = [
    "acknowledge",
    "channel_add",
    "channel_deliveries",
    "channel_toggle",
    "delivery_retry",
    "deprecate_page",
    "migration_note",
    "policy_page",
    "preferences",
    "sunset_detail",
    "sunset_list",
    "sunset_retire",
    "unsubscribe",
]
