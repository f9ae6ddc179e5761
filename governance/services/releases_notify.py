"""Mail about releases: reviewers when one waits for them, owners when it is decided."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.access import REVIEWERS_GROUP
from governance.models import Release, ReleaseState

logger = logging.getLogger(__name__)

EVENTS = {
    # event: (the claim column, the states it is sent in)
    "waiting": ("review_notified_at", (ReleaseState.IN_REVIEW,)),
    "decided": (
        "decision_notified_at",
        (ReleaseState.RELEASED, ReleaseState.REJECTED, ReleaseState.CHANGES_REQUESTED),
    ),
}


def release_notify(*, release_id: int, event: str) -> int:
    """Mails the people an event concerns; returns how many addresses were sent to.

    The event's column is claimed first (set only where it is empty), so a retried or
    duplicated task sends nothing twice; a release that moved on is not mailed about."""
    column, states = EVENTS[event]
    claimed = Release.objects.filter(
        pk=release_id, state__in=states, **{f"{column}__isnull": True}
    ).update(**{column: timezone.now()})
    if not claimed:
        return 0
    release = Release.objects.select_related("version__api__team", "submitted_by").get(
        pk=release_id
    )
    recipients = _reviewers(release) if event == "waiting" else _owners(release)
    if not recipients:
        return 0
    context = {"release": release, "url": settings.PORTAL_BASE_URL + release.get_absolute_url()}
    subject = render_to_string(f"governance/release_mail_{event}_subject.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string(f"governance/release_mail_{event}.txt", context),
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=sorted(recipients),
    )
    message.send()
    return len(recipients)


def _reviewers(release: Release) -> set[str]:
    users = get_user_model().objects.filter(
        Q(groups__name=REVIEWERS_GROUP) | Q(is_superuser=True), is_active=True
    )
    if release.submitted_by_id:
        users = users.exclude(pk=release.submitted_by_id)
    return {email for email in users.values_list("email", flat=True) if email}


def _owners(release: Release) -> set[str]:
    addresses = {release.version.api.team.email}
    if release.submitted_by is not None:
        addresses.add(release.submitted_by.email)
    return {address for address in addresses if address}
