"""Consumer impact of a breaking release: who called what breaks on the base version in the
last 30 days, on the review page and in the API, and one notice per consumer listing only the
changes to what it calls."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Operation
from catalog.services import Actor
from governance.models import ReleaseConsumerNotice, ReleaseState
from governance.services import (
    release_approve,
    release_impact,
    release_impact_notify,
    release_impact_unsent,
    release_reject,
)
from notifications.models import Channel, Recipient
from tests.api.conftest import api_client_for
from tests.conftest import client_for
from tests.governance.release_factories import (
    PETS_ADDITION,
    PETS_BREAKING,
    draft,
    released,
    submitted,
)
from tests.usage.factories import ConsumerFactory
from usage.models import UsageDaily

pytestmark = pytest.mark.django_db


def calls(version, operation: str, count: int, consumer=None, *, days_ago: int = 0) -> None:
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    UsageDaily.objects.create(
        day=moment.date(),
        version=version,
        operation=operation,
        consumer=consumer,
        status_class=2,
        calls=count,
        first_seen=moment,
        last_seen=moment,
    )


@pytest.fixture
def consumers(team):
    return {
        name: ConsumerFactory(slug=name, name=name.title(), team=team)
        for name in ("mobile", "web", "legacy")
    }


@pytest.fixture
def release(api, owner, consumers):
    """1.1.0 removes GET /pets/{id}: mobile called it (under another parameter name), web
    only called GET /pets, legacy called it 40 days ago, and unknown callers called it too."""
    base = released(api)
    calls(base, "GET /pets/{petId}", 5, consumers["mobile"])
    calls(base, "GET /pets", 3, consumers["mobile"])
    calls(base, "GET /pets", 10, consumers["web"])
    calls(base, "GET /pets/{id}", 9, consumers["legacy"], days_ago=40)
    calls(base, "GET /pets/{id}", 7)
    return submitted(owner, draft(api, "1.1.0", PETS_BREAKING))


def test_it_names_the_consumers_that_called_what_breaks(release):
    impact = release.checks["impact"]

    assert [consumer["slug"] for consumer in impact["consumers"]] == ["mobile"]
    (mobile,) = impact["consumers"]
    (row,) = mobile["operations"]  # GET /pets did not change: not listed
    assert row["operation"] == "GET /pets/{petId}" and row["calls"] == 5
    assert [change["operation"] for change in row["changes"]] == ["GET /pets/{id}"]
    assert mobile["calls"] == 5 and mobile["change_count"] == 1
    assert impact["base"] == "1.0.0" and impact["days"] == 30
    assert impact["unidentified_calls"] == 7
    assert release.state == ReleaseState.IN_REVIEW
    assert "1 known consumer(s)" in release.route


def test_it_records_no_impact_without_a_breaking_change(api, owner, consumers):
    calls(released(api), "GET /pets/{id}", 5, consumers["mobile"])

    release = submitted(owner, draft(api, "1.1.0", PETS_ADDITION))

    assert release.checks["impact"] is None


def test_it_reaches_every_caller_with_a_change_to_the_whole_document(api, consumers):
    base = released(api)
    Operation.objects.create(spec=base.spec, position=0, method="GET", path="/pets")
    Operation.objects.create(spec=base.spec, position=1, method="GET", path="/pets/{id}")
    calls(base, "GET /pets", 10, consumers["web"])
    change = {"id": "api-security-added", "level": "error", "text": "Now signed.", "blocking": True}

    impact = release_impact(base=base, changes=[change, {**change, "blocking": False}])

    (web,) = impact["consumers"]
    assert web["slug"] == "web" and web["change_count"] == 1
    assert impact["document_changes"][0]["id"] == "api-security-added"


def test_it_shows_the_consumers_on_the_review_page(release, reviewer, consumers):
    html = client_for(reviewer).get(release.get_absolute_url()).content.decode()

    assert "Consumers the breaking changes reach" in html
    assert f'href="{consumers["mobile"].get_absolute_url()}">Mobile</a>' in html
    assert "GET /pets/{petId}" in html
    assert "1 known consumer</a> called" in html
    assert "Web" not in html.split('id="impact-title"')[1].split("</section>")[0]


def test_it_exposes_the_impact_in_the_release_api(release, reviewer):
    body = api_client_for(reviewer).get(f"/api/v1/releases/{release.pk}/").json()

    assert [consumer["slug"] for consumer in body["impact"]["consumers"]] == ["mobile"]
    assert body["impact"]["consumers"][0]["operations"][0]["operation"] == "GET /pets/{petId}"


def test_it_tells_each_impacted_consumer_only_about_what_it_calls(
    release, reviewer, consumers, mailoutbox
):
    release_approve(actor=Actor.of_user(reviewer), release=release, sha256=release.sha256)

    (notice,) = ReleaseConsumerNotice.objects.all()
    assert notice.consumer == consumers["mobile"] and notice.sent_at is None
    assert release_impact_notify(release_id=release.pk) == 1
    assert release_impact_notify(release_id=release.pk) == 0  # sent once
    (mail,) = mailoutbox
    assert mail.to == ["mobile@example.com", "payments@example.com"]
    assert mail.subject == "Payments API 1.1.0 breaks what Mobile calls"
    assert "GET /pets/{petId} (5 calls in the last 30 days)" in mail.body
    assert "GET /pets (" not in mail.body  # unchanged: not mentioned
    assert "/apis/payments/versions/1.1.0/changelog.md" in mail.body
    notice.refresh_from_db()
    assert notice.sent_at and notice.sent_to == mail.to


def test_it_writes_no_notice_for_a_rejected_release(release, reviewer):
    release_reject(actor=Actor.of_user(reviewer), release=release, comment="Not now.")

    assert not ReleaseConsumerNotice.objects.exists()


def test_it_leaves_out_an_address_that_unsubscribed(release, reviewer, consumers, mailoutbox):
    recipient = Recipient.objects.create(
        kind=Recipient.Kind.CONSUMER, team=consumers["mobile"].team, consumer=consumers["mobile"]
    )
    Channel.objects.create(
        recipient=recipient, kind=Channel.Kind.EMAIL, target="mobile@example.com", enabled=False
    )
    release_approve(actor=Actor.of_user(reviewer), release=release, sha256=release.sha256)

    release_impact_notify(release_id=release.pk)

    assert mailoutbox[0].to == ["payments@example.com"]


def test_it_lists_releases_with_notices_left_unsent_for_the_sweep(release, reviewer):
    release_approve(actor=Actor.of_user(reviewer), release=release, sha256=release.sha256)
    assert release_impact_unsent() == []  # just written: its task is on its way

    ReleaseConsumerNotice.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))

    assert release_impact_unsent() == [release.pk]
    release_impact_notify(release_id=release.pk)
    assert release_impact_unsent() == []
