"""A channel's delivery log: what its team sees of each digest sent through it, and the retry
of a dead letter."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import AuditEvent
from notifications.models import Channel, Delivery, DeliveryAttempt, Digest
from notifications.services.deliveries import delivery_attempt
from tests.callbacks import queued_tasks
from tests.conftest import client_for
from tests.notifications.factories import ChannelFactory, team_recipient

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(api):
    # The factory's target refuses connections: an attempt fails without leaving loopback.
    return ChannelFactory(recipient=team_recipient(api.team))


def deliver(channel, day, status, *, answers=()):
    """A delivery of the recipient's digest of ``day``, with one attempt per HTTP answer."""
    digest = Digest.objects.create(recipient=channel.recipient, day=day)
    now = timezone.now()
    delivery = Delivery.objects.create(
        digest=digest,
        channel=channel,
        status=status,
        attempts=len(answers),
        next_attempt_at=now,
        sent_at=now if status == Delivery.Status.SENT else None,
        last_error="HTTP 500 from the receiver" if status == Delivery.Status.DEAD else "",
    )
    for index, code in enumerate(answers):
        DeliveryAttempt.objects.create(
            delivery=delivery,
            started_at=now - datetime.timedelta(minutes=len(answers) - index),
            duration_ms=120,
            status_code=code,
            error="" if code == 200 else f"HTTP {code} from the receiver",
        )
    return delivery


def log_url(channel) -> str:
    return f"/notifications/channels/{channel.pk}/deliveries/"


@pytest.mark.parametrize(
    ("persona", "status"),
    [(None, 302), ("outsider", 403), ("teammate", 200), ("admin_user", 200)],
)
def test_only_the_recipients_team_reads_the_log(channel, persona, status, request):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).get(log_url(channel)).status_code == status


def test_an_unknown_channel_is_a_404(teammate):
    assert client_for(teammate).get("/notifications/channels/999999/deliveries/").status_code == 404


def test_it_shows_each_delivery_with_its_attempts(channel, teammate):
    today = timezone.now().date()
    sent = deliver(channel, today, Delivery.Status.SENT, answers=(503, 200))
    dead = deliver(
        channel, today - datetime.timedelta(days=1), Delivery.Status.DEAD, answers=(500,)
    )
    html = client_for(teammate).get(log_url(channel)).content.decode()
    assert sent.message_id in html and dead.message_id in html
    assert "Sent" in html and "Dead letter" in html
    assert "2 attempts" in html and "HTTP 503" in html and "HTTP 200" in html
    assert "1 attempt<" in html and "HTTP 500 from the receiver" in html
    assert html.count("Retry now") == 1  # the dead letter only
    assert f"/notifications/deliveries/{dead.pk}/retry/" in html


def test_the_preferences_page_links_each_channel_to_its_log(channel, teammate):
    html = client_for(teammate).get("/notifications/preferences/").content.decode()
    assert log_url(channel) in html


def test_an_empty_log_says_so(channel, teammate):
    html = client_for(teammate).get(log_url(channel)).content.decode()
    assert "Nothing was sent through this channel yet" in html


def test_it_pages_a_long_log(channel, teammate):
    today = timezone.now().date()
    for offset in range(30):
        deliver(channel, today - datetime.timedelta(days=offset), Delivery.Status.SENT)
    client = client_for(teammate)
    first = client.get(log_url(channel)).content.decode()
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    second = client.get(log_url(channel), {"page": 2}).content.decode()
    assert "Page 2 of 2" in second and second.count('class="badge delivery-sent"') == 5


def test_it_reads_the_log_in_a_fixed_number_of_queries(
    channel, teammate, django_assert_num_queries
):
    today = timezone.now().date()
    client = client_for(teammate)
    deliver(channel, today, Delivery.Status.SENT, answers=(200,))
    client.get(log_url(channel))
    with django_assert_num_queries(8) as few:
        assert client.get(log_url(channel)).status_code == 200
    for offset in range(1, 12):
        status = Delivery.Status.DEAD if offset % 2 else Delivery.Status.SENT
        deliver(channel, today - datetime.timedelta(days=offset), status, answers=(500, 502))
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(log_url(channel)).status_code == 200


def retry(user, delivery):
    return client_for(user).post(f"/notifications/deliveries/{delivery.pk}/retry/")


def test_the_team_retries_a_dead_letter_once(channel, teammate, django_capture_on_commit_callbacks):
    dead = deliver(channel, timezone.now().date(), Delivery.Status.DEAD, answers=(500,))
    with django_capture_on_commit_callbacks() as callbacks:
        response = retry(teammate, dead)
    assert response.status_code == 302 and response.url == log_url(channel)
    dead.refresh_from_db()
    assert dead.status == Delivery.Status.PENDING
    assert dead.next_attempt_at <= timezone.now()
    assert len(queued_tasks(callbacks)) == 1  # the send, handed to a worker after the commit
    event = AuditEvent.objects.get(action="delivery.retry")
    assert event.actor == teammate
    # The one more attempt fails (nothing listens): a dead letter again, not a new round.
    assert delivery_attempt(delivery_id=dead.pk) == Delivery.Status.DEAD
    dead.refresh_from_db()
    assert dead.attempts == 2 and dead.log.count() == 2


@pytest.mark.parametrize("status", [Delivery.Status.SENT, Delivery.Status.PENDING])
def test_only_a_dead_letter_can_be_retried(channel, teammate, status):
    delivery = deliver(channel, timezone.now().date(), status)
    client = client_for(teammate)
    response = client.post(f"/notifications/deliveries/{delivery.pk}/retry/", follow=True)
    assert response.redirect_chain == [(log_url(channel), 302)]
    assert "Only a dead-lettered delivery can be retried." in response.content.decode()
    delivery.refresh_from_db()
    assert delivery.status == status
    assert not AuditEvent.objects.filter(action="delivery.retry").exists()


def test_a_retry_waits_for_the_channel_to_be_on(channel, teammate):
    dead = deliver(channel, timezone.now().date(), Delivery.Status.DEAD)
    Channel.objects.filter(pk=channel.pk).update(enabled=False)
    client = client_for(teammate)
    response = client.post(f"/notifications/deliveries/{dead.pk}/retry/", follow=True)
    assert "turn it on before retrying" in response.content.decode()
    assert "Retry now" not in response.content.decode()
    dead.refresh_from_db()
    assert dead.status == Delivery.Status.DEAD


@pytest.mark.parametrize(("persona", "status"), [(None, 302), ("outsider", 403)])
def test_other_people_cannot_retry(channel, persona, status, request):
    dead = deliver(channel, timezone.now().date(), Delivery.Status.DEAD)
    user = request.getfixturevalue(persona) if persona else None
    assert retry(user, dead).status_code == status
    dead.refresh_from_db()
    assert dead.status == Delivery.Status.DEAD


def test_a_retry_of_an_unknown_delivery_is_a_404(teammate):
    response = client_for(teammate).post("/notifications/deliveries/999999/retry/")
    assert response.status_code == 404
