"""The cockpit, deprecation and preference pages and the deprecation API: who may use
them, what they show, and a fixed number of queries whatever the data."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Lifecycle
from notifications.models import Channel, Notice
from notifications.tokens import acknowledge_token, unsubscribe_token
from notifications.views import cockpit
from tests.api.conftest import PROBLEM, api_client_for, issue
from tests.conftest import client_for
from tests.factories import ApiFactory, VersionFactory
from tests.notifications.factories import (
    ConsumerFactory,
    DeprecatedVersionFactory,
    declare,
    record_calls,
    team_recipient,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def deprecated(api):
    version = DeprecatedVersionFactory(api=api, version="1.0.0", major=1)
    consumer = ConsumerFactory(name="Checkout")
    declare(consumer, version)
    today = timezone.localdate()
    for offset in range(20):
        record_calls(version, today - datetime.timedelta(days=offset), 100 - offset, consumer)
    return version


COCKPIT = "/notifications/sunsets/payments/1.0.0/"


@pytest.mark.parametrize(("persona", "status"), [(None, 302), ("outsider", 200), ("owner", 200)])
def test_it_shows_the_cockpit_to_catalog_readers(deprecated, persona, status, request):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).get(COCKPIT).status_code == status
    assert client_for(user).get("/notifications/sunsets/").status_code == status


def test_it_charts_the_burn_down_with_a_table_alternative(deprecated, outsider):
    html = client_for(outsider).get(COCKPIT).content.decode()
    assert '<svg viewBox="0 0 720 180"' in html and 'role="img"' in html
    assert html.count("<rect ") == 90
    assert "The same data as a table" in html
    assert "Checkout" in html
    assert "Deprecation: @" in html and "add_header Sunset" in html


def test_it_lists_versions_in_use_sorted_by_traffic_or_sunset(deprecated, outsider, team):
    quiet_api = ApiFactory(team=team, name="Ledger API", slug="ledger")
    busy = DeprecatedVersionFactory(
        api=quiet_api, sunset_on=timezone.localdate() + datetime.timedelta(days=400)
    )
    record_calls(busy, timezone.localdate(), 100_000)
    client = client_for(outsider)
    by_traffic = client.get("/notifications/sunsets/?sort=traffic").content.decode()
    assert by_traffic.index("Ledger API") < by_traffic.index("Payments API 1.0.0")
    by_sunset = client.get("/notifications/sunsets/?sort=sunset").content.decode()
    assert by_sunset.index("Payments API 1.0.0") < by_sunset.index("Ledger API")


def test_its_sort_and_page_links_keep_the_other_parameters(deprecated, outsider, team, monkeypatch):
    monkeypatch.setattr(cockpit, "SUNSETS_PER_PAGE", 2)
    for index in range(3):
        other = DeprecatedVersionFactory(api=ApiFactory(team=team))
        record_calls(other, timezone.localdate(), index + 1)
    client = client_for(outsider)
    html = client.get("/notifications/sunsets/").content.decode()
    assert 'href="?sort=traffic"' in html and 'href="?sort=sunset"' in html
    assert 'rel="next" href="?page=2"' in html
    paged = client.get("/notifications/sunsets/", {"sort": "traffic", "page": 2}).content.decode()
    assert "Page 2 of 2" in paged
    assert 'rel="prev" href="?sort=traffic&amp;page=1"' in paged
    assert "??" not in html + paged


def test_it_suggests_retiring_a_version_without_calls(api, outsider):
    DeprecatedVersionFactory(api=api, version="0.9.0", major=0, minor=9)
    html = client_for(outsider).get("/notifications/sunsets/payments/0.9.0/").content.decode()
    assert "can be retired" in html


def test_it_reads_the_cockpit_in_a_fixed_number_of_queries(
    deprecated, outsider, django_assert_max_num_queries
):
    client = client_for(outsider)
    client.get(COCKPIT)
    for _ in range(5):
        ConsumerFactory.create_batch(1)
    with django_assert_max_num_queries(14):
        assert client.get(COCKPIT).status_code == 200


def test_it_reads_the_list_in_a_fixed_number_of_queries(
    deprecated, outsider, team, django_assert_num_queries
):
    client = client_for(outsider)
    client.get("/notifications/sunsets/")
    for index in range(10):
        other = DeprecatedVersionFactory(api=ApiFactory(team=team))
        record_calls(other, timezone.localdate(), index + 1)
    with django_assert_num_queries(8):
        assert client.get("/notifications/sunsets/?sort=traffic").status_code == 200


@pytest.mark.parametrize(
    ("persona", "status"), [(None, 302), ("outsider", 403), ("teammate", 400), ("admin_user", 302)]
)
def test_it_retires_a_called_version_only_with_an_admin_override(
    deprecated, persona, status, request
):
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).post(
        COCKPIT + "retire/", {"override_reason": "Agreed with Checkout."}
    )
    assert response.status_code == status
    deprecated.refresh_from_db()
    retired = deprecated.lifecycle == Lifecycle.RETIRED
    assert retired == (persona == "admin_user")


def test_it_retires_a_quiet_version_without_override(api, owner):
    version = DeprecatedVersionFactory(api=api, version="0.9.0", major=0, minor=9)
    response = client_for(owner).post("/notifications/sunsets/payments/0.9.0/retire/", {})
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.lifecycle == Lifecycle.RETIRED


@pytest.mark.parametrize(("persona", "status"), [(None, 302), ("outsider", 403), ("owner", 200)])
def test_it_lets_the_owning_team_open_the_deprecate_page(api, persona, status, request):
    VersionFactory(api=api, version="2.0.0", major=2)
    user = request.getfixturevalue(persona) if persona else None
    url = "/notifications/apis/payments/versions/2.0.0/deprecate/"
    assert client_for(user).get(url).status_code == status


def test_it_refuses_short_notice_on_the_deprecate_page(api, owner):
    VersionFactory(api=api, version="2.0.0", major=2)
    soon = timezone.localdate() + datetime.timedelta(days=3)
    response = client_for(owner).post(
        "/notifications/apis/payments/versions/2.0.0/deprecate/", {"sunset_on": soon.isoformat()}
    )
    assert response.status_code == 400
    assert "at least 30 days" in response.content.decode()


def test_it_shows_the_migration_note_to_anyone(deprecated):
    deprecated.migration_note = "Call **2.0** instead."
    deprecated.save()
    html = (
        client_for(None)
        .get("/notifications/apis/payments/versions/1.0.0/migration/")
        .content.decode()
    )
    assert "<strong>2.0</strong>" in html


def test_it_hides_the_migration_page_of_a_version_not_deprecated(api):
    VersionFactory(api=api, version="2.0.0", major=2)
    url = "/notifications/apis/payments/versions/2.0.0/migration/"
    assert client_for(None).get(url).status_code == 404


def test_it_unsubscribes_with_one_click_and_refuses_forged_links(api):
    recipient = team_recipient(api.team)
    channel = recipient.channels.get()
    client = client_for(None)
    assert client.get("/notifications/unsubscribe/forged/").status_code == 404
    url = f"/notifications/unsubscribe/{unsubscribe_token(channel.pk)}/"
    assert client.get(url).status_code == 200
    channel.refresh_from_db()
    assert channel.enabled  # a GET (a link scanner) changes nothing
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    channel.refresh_from_db()
    assert not channel.enabled


def test_it_acknowledges_notices_through_the_signed_link(deprecated):
    notice = Notice.objects.create(
        version=deprecated,
        recipient=team_recipient(deprecated.api.team),
        milestone="deprecated",
        due_at=timezone.now(),
    )
    from notifications.services.digests import digest_build

    digest_build(recipient_id=notice.recipient_id)
    url = f"/notifications/acknowledge/{acknowledge_token(notice.recipient_id, deprecated.pk)}/"
    assert client_for(None).post(url).status_code == 200
    notice.refresh_from_db()
    assert notice.acknowledged_at is not None


@pytest.mark.parametrize(("persona", "status"), [(None, 302), ("outsider", 403), ("teammate", 302)])
def test_it_lets_the_team_manage_its_channels(api, persona, status, request):
    recipient = team_recipient(api.team)
    user = request.getfixturevalue(persona) if persona else None
    response = client_for(user).post(
        f"/notifications/preferences/{recipient.pk}/channels/",
        {"kind": "webhook", "target": "https://hooks.example.com/sunsets"},
    )
    assert response.status_code == status
    added = Channel.objects.filter(kind="webhook", recipient=recipient).first()
    assert (added is not None) == (persona == "teammate")
    if added:
        assert added.secret.startswith("whsec_")


def test_it_shows_preferences_to_signed_in_people(api, teammate):
    team_recipient(api.team)
    assert client_for(None).get("/notifications/preferences/").status_code == 302
    html = client_for(teammate).get("/notifications/preferences/").content.decode()
    assert "payments@example.com" in html


# --- The REST API


DEPRECATION = "/api/v1/apis/payments/versions/1.0.0/deprecation"


def test_it_gives_the_header_values_and_snippets_over_the_api(deprecated, outsider):
    deprecated.deprecated_on = datetime.date(2026, 3, 1)
    deprecated.sunset_on = datetime.date(2026, 9, 1)
    deprecated.save()
    body = api_client_for(outsider).get(DEPRECATION).json()
    assert body["headers"]["Deprecation"] == "@1772323200"
    assert body["headers"]["Sunset"] == "Tue, 01 Sep 2026 00:00:00 GMT"
    link = body["headers"]["Link"]
    assert 'rel="deprecation"' in link and 'rel="sunset"' in link
    assert "/notifications/apis/payments/versions/1.0.0/migration/" in link
    assert set(body["snippets"]) == {"nginx", "envoy", "kong"}
    assert 'add_header Deprecation "@1772323200" always;' in body["snippets"]["nginx"]


def test_it_refuses_anonymous_api_readers(deprecated):
    response = api_client_for(None).get(DEPRECATION)
    assert response.status_code in (401, 403)
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(("persona", "status"), [("outsider", 403), ("owner", 200)])
def test_it_deprecates_over_the_api_for_the_owning_team(api, persona, status, request):
    VersionFactory(api=api, version="2.0.0", major=2)
    user = request.getfixturevalue(persona)
    sunset = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    response = api_client_for(user).post(
        "/api/v1/apis/payments/versions/2.0.0/deprecation",
        {"sunset_on": sunset, "migration_note": "Use 3."},
        format="json",
    )
    assert response.status_code == status


def test_it_answers_short_notice_over_the_api_with_a_problem(api, team):
    VersionFactory(api=api, version="2.0.0", major=2)
    secret = issue(team=team)
    sunset = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = api_client_for(secret=secret).post(
        "/api/v1/apis/payments/versions/2.0.0/deprecation", {"sunset_on": sunset}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert "sunset_on" in response.json()["errors"]
