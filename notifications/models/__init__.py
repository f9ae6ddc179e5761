"""The notifications app's models, re-exported here."""

from notifications.models.deliveries import Delivery, DeliveryAttempt
from notifications.models.notices import Digest, Milestone, Notice
from notifications.models.policy import NoticePolicy
from notifications.models.recipients import Channel, Recipient, webhook_secret

__all__ = [
    "Channel",
    "Delivery",
    "DeliveryAttempt",
    "Digest",
    "Milestone",
    "Notice",
    "NoticePolicy",
    "Recipient",
    "webhook_secret",
]
