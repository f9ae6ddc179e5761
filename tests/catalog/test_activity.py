"""The audit trail as a page, a CSV export and a REST resource: who sees which events,
the filters, reading newest first by key, and nothing a spreadsheet would run."""

import csv
import datetime
import importlib
import io

import pytest
from django.apps import apps
from django.utils import timezone

from accounts.models import Scope
from accounts.tokens import token_issue
from catalog.models import AuditEvent
from catalog.services import Actor
from catalog.services.apis import api_update
from catalog.services.audit import audit_record
from tests.api.conftest import api_client_for, assert_problem, issue
from tests.conftest import client_for
from tests.factories import ApiFactory, MembershipFactory, VersionFactory
from tests.notifications.factories import ChannelFactory, team_recipient
from tests.usage.factories import ConsumerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(api, owner, other_team, admin_user):
    """An API edit by its owner, a change on another team's API, and a token issued for
    Payments (an event on no API: admins, reviewers and Payments' members see it)."""
    api_update(actor=Actor.of_user(owner), api=api, description="Card payments.")
    search = ApiFactory(team=other_team, slug="search", name="Search API")
    api_update(actor=Actor.of_user(admin_user), api=search, name="Search")
    issue(team=api.team)
    return AuditEvent.objects.order_by("id")


def _rows(response) -> list[str]:
    return [event.action for event in response.context["events"]]


def test_readers_see_the_changes_to_apis_and_admins_and_reviewers_everything(
    client, events, outsider, reviewer, admin_user
):
    assert _rows(client_for(outsider).get("/activity/")) == ["api.update", "api.update"]
    for person in (reviewer, admin_user):
        assert _rows(client_for(person).get("/activity/")) == [
            "token.issue",
            "api.update",
            "api.update",
        ]


def test_anonymous_visitors_sign_in_unless_anonymous_reading_is_on(client, events, settings):
    assert client.get("/activity/").status_code == 302
    settings.PORTAL_ANONYMOUS_READ = True
    assert _rows(client.get("/activity/")) == ["api.update", "api.update"]


def test_it_shows_what_each_change_changed(events, owner):
    page = client_for(owner).get("/activity/?api=payments").content.decode()

    assert "owner" in page and "edited" in page
    assert "<dt>description</dt>" in page
    assert "<ins>Card payments.</ins>" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("api=payments", 1),
        ("team=search", 1),
        ("area=api", 2),
        ("area=token", 1),
        ("actor=ADMIN", 1),
        ("since=2000-01-01", 3),
        ("until=2000-01-01", 0),
    ],
)
def test_the_filters(events, admin_user, query, expected):
    response = client_for(admin_user).get(f"/activity/?{query}")
    assert len(response.context["events"]) == expected


def test_a_bad_filter_is_a_form_error_not_a_wrong_list(events, admin_user):
    response = client_for(admin_user).get("/activity/?since=yesterday&area=nothing")

    assert response.status_code == 200
    assert response.context["events"] == []
    errors = response.context["filterset"].errors
    assert set(errors) == {"since", "area"}
    assert "Correct the filters" in response.content.decode()


def test_it_reads_older_events_by_key_without_skipping_or_repeating(api, admin_user):
    for number in range(120):
        audit_record(
            actor=Actor.system(), action="api.update", target=api, api=api, after={"n": number}
        )
    client = client_for(admin_user)

    seen, url = [], "/activity/"
    while url:
        response = client.get(url)
        seen += [event.after["n"] for event in response.context["events"]]
        older = response.context["older"]
        url = f"/activity/?before={older}" if older else None
    assert seen == list(reversed(range(120)))
    middle = AuditEvent.objects.order_by("id")[60].pk
    assert 'href="?">Newest</a>' in client.get(f"/activity/?before={middle}").content.decode()


def test_a_page_costs_the_same_queries_however_many_events(
    api, team, admin_user, django_assert_num_queries
):
    client = client_for(admin_user)
    audit_record(actor=Actor.system(), action="api.update", target=api, api=api)
    audit_record(actor=Actor.system(), action="team.update", target=team)
    client.get("/activity/")  # the session and the content types are cached from here
    # session, user, events, the team choices, then one per kind of target (API, team)
    with django_assert_num_queries(6):
        client.get("/activity/")
    for number in range(60):
        other = ApiFactory(slug=f"api-{number}")
        audit_record(actor=Actor.system(), action="api.update", target=other, api=other)
        audit_record(actor=Actor.system(), action="team.update", target=other.team)
    with django_assert_num_queries(6):
        response = client.get("/activity/")
    assert len(response.context["events"]) == 50


def test_each_change_links_to_what_it_changed_while_that_exists(api, team, admin_user):
    version = VersionFactory(api=api, version="2.0.0", major=2)
    audit_record(actor=Actor.system(), action="version.create", target=version, api=api)
    audit_record(actor=Actor.system(), action="team.update", target=team)
    gone = ApiFactory(slug="gone", name="Gone API")
    audit_record(actor=Actor.system(), action="api.create", target=gone, api=gone)
    gone.delete()

    page = client_for(admin_user).get("/activity/").content.decode()

    assert '<a href="/apis/payments/versions/2.0.0/">Payments API 2.0.0</a>' in page
    assert '(<a href="/apis/payments/">Payments API</a>)' in page
    assert '<a href="/teams/payments/">Payments</a>' in page
    assert "created Gone API" in page  # no page left to link to


def test_the_csv_export_keeps_the_filters_and_runs_no_formula(events, api, admin_user):
    audit_record(
        actor=Actor(user=None, label='=HYPERLINK("x")'), action="api.update", target=api, api=api
    )

    response = client_for(admin_user).get("/activity/export.csv?api=payments")

    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith('attachment; filename="portal-activity-')
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["action"] for row in rows] == ["api.update", "api.update"]
    assert rows[0]["actor"] == '\'=HYPERLINK("x")'
    assert rows[1]["actor"] == "owner" and rows[1]["api"] == "payments"
    assert rows[1]["target_type"] == "catalog.api"
    assert '"description": "Card payments."' in rows[1]["after"]


def test_the_csv_export_shows_readers_only_what_the_page_shows(events, outsider):
    response = client_for(outsider).get("/activity/export.csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 3  # the header and the two API changes, not the token


def test_the_csv_export_refuses_bad_filters(events, admin_user):
    response = client_for(admin_user).get("/activity/export.csv?until=soon")
    assert response.status_code == 400
    assert "until" in response.content.decode()


def test_the_api_lists_events_by_cursor_with_the_same_rules(events, outsider, admin_user):
    body = api_client_for(outsider).get("/api/v1/audit-events/").json()
    assert [event["action"] for event in body["results"]] == ["api.update", "api.update"]
    newest = body["results"][0]
    assert {key: newest[key] for key in ("actor", "action", "target_type", "target", "api")} == {
        "actor": "admin",
        "action": "api.update",
        "target_type": "catalog.api",
        "target": "Search",
        "api": "search",
    }
    assert (newest["before"]["name"], newest["after"]["name"]) == ("Search API", "Search")
    assert newest["id"] == events[1].pk and newest["target_id"] == events[1].target_id

    client = api_client_for(admin_user)
    first = client.get("/api/v1/audit-events/?page_size=2").json()
    rest = client.get(first["next"]).json()
    assert [e["action"] for e in first["results"] + rest["results"]] == [
        "token.issue",
        "api.update",
        "api.update",
    ]
    assert rest["next"] is None


def test_tokens_read_the_whole_trail_only_for_an_admin_or_reviewer(events, admin_user, other_team):
    admin_token = issue(user=admin_user, scopes=[Scope.READ])
    team_token = issue(team=other_team, scopes=[Scope.READ])

    everything = api_client_for(secret=admin_token).get("/api/v1/audit-events/").json()
    changes = api_client_for(secret=team_token).get("/api/v1/audit-events/").json()

    assert len(everything["results"]) == 5  # the three events, and the two tokens issued
    # Search's token reads its own issue (Search's), not Payments' token nor the admin's.
    assert [e["action"] for e in changes["results"]] == ["token.issue", "api.update", "api.update"]
    mine = AuditEvent.objects.get(team=other_team, action="token.issue")
    assert changes["results"][0]["id"] == mine.pk


def test_the_api_answers_a_bad_filter_with_a_problem(events, admin_user):
    response = api_client_for(admin_user).get("/api/v1/audit-events/?since=soon")
    body = assert_problem(response, 400)
    assert "since" in body["detail"] or "since" in str(body.get("errors"))


def test_the_api_page_links_to_all_its_changes(events, owner):
    page = client_for(owner).get("/apis/payments/").content.decode()
    assert 'href="/activity/?api=payments">All changes to Payments API</a>' in page


def test_old_events_are_dated_in_the_past(api, admin_user):
    event = audit_record(actor=Actor.system(), action="api.update", target=api, api=api)
    AuditEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400)
    )
    last_year = (timezone.localdate() - datetime.timedelta(days=300)).isoformat()
    response = client_for(admin_user).get(f"/activity/?until={last_year}")
    assert [e.pk for e in response.context["events"]] == [event.pk]


def test_a_reader_also_sees_the_changes_they_made_themselves(events, outsider):
    token_issue(actor=Actor.of_user(outsider), name="mine", scopes=[Scope.READ], user=outsider)

    actions = _rows(client_for(outsider).get("/activity/"))

    assert actions == ["token.issue", "api.update", "api.update"]  # theirs, not the team's
    assert AuditEvent.objects.filter(action="token.issue").count() == 2


def test_a_team_page_links_to_the_changes_to_its_apis(events, outsider):
    page = client_for(outsider).get("/teams/payments/").content.decode()
    assert 'href="/activity/?team=payments">Its activity</a>' in page


def test_members_see_what_concerns_their_team_beyond_its_apis(events, teammate, outsider, team):
    membership_event = AuditEvent.objects.create(
        actor_label="owner",
        action="team.member.set",
        target=team,
        target_label=str(team),
        team=team,
    )

    mine = _rows(client_for(teammate).get("/activity/"))
    theirs = _rows(client_for(outsider).get("/activity/"))

    assert mine == ["team.member.set", "token.issue", "api.update", "api.update"]
    assert theirs == ["api.update", "api.update"]
    assert _rows(client_for(teammate).get("/activity/?team=payments")) == [
        "team.member.set",
        "token.issue",
        "api.update",
    ]
    assert membership_event.team == team


def test_each_event_records_the_team_it_concerns(events, api, other_team):
    teams = dict(AuditEvent.objects.values_list("action", "team__slug").order_by("id")[:3:2])
    assert teams == {"api.update": "payments", "token.issue": "payments"}


def test_the_migration_gives_older_events_their_team(events, team, other_team):
    consumer = ConsumerFactory(team=other_team)
    membership = MembershipFactory(team=other_team)
    channel = ChannelFactory(recipient=team_recipient(team))
    audit_record(actor=Actor.system(), action="consumer.update", target=consumer)
    audit_record(actor=Actor.system(), action="team.update", target=team)
    audit_record(actor=Actor.system(), action="team.member.set", target=membership)
    audit_record(actor=Actor.system(), action="channel.add", target=channel, team=team)
    policy = audit_record(actor=Actor.system(), action="notice_policy.update", target=team)
    AuditEvent.objects.filter(pk=policy.pk).update(target_id="999999")  # a team since deleted
    AuditEvent.objects.update(team=None)  # as recorded before events had a team

    backfill = importlib.import_module("catalog.migrations.0008_audit_event_team_backfill")
    backfill.backfill(apps, None)

    teams = list(AuditEvent.objects.order_by("id").values_list("action", "team__slug"))
    assert teams == [
        ("api.update", "payments"),
        ("api.update", "search"),
        ("token.issue", "payments"),
        ("consumer.update", "search"),
        ("team.update", "payments"),
        ("team.member.set", "search"),
        ("channel.add", "payments"),
        ("notice_policy.update", None),
    ]


def test_a_field_set_from_nothing_shows_no_before(api, admin_user):
    audit_record(
        actor=Actor.system(),
        action="release.submit",
        target=api,
        api=api,
        before={"state": ""},
        after={"state": "submitted"},
    )
    page = client_for(admin_user).get("/activity/").content.decode()
    assert "<dt>state</dt><dd><ins>submitted</ins></dd>" in page


@pytest.mark.parametrize("before", ["²", "1" * 30, "-5", "x"])
def test_a_bad_cursor_shows_the_newest_events(events, admin_user, before):
    response = client_for(admin_user).get(f"/activity/?before={before}")
    assert response.status_code == 200
    assert len(response.context["events"]) == 3
