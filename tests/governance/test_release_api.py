"""Releases over REST: CI pushes with submit=true and polls the status; reviewers decide;
the refusals are problems (403 for who, 409 for when, with the allowed actions)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import AuditEvent, Lifecycle, Version
from governance.models import Release, ReleaseState
from governance.services import release_check
from tests.api.conftest import PROBLEM, api_client_for, assert_problem, issue
from tests.governance.release_factories import (
    PETS_BREAKING,
    PETS_V1,
    draft,
    released,
    spec_of,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(api, owner):
    """Payments API 1.1.0 with a breaking change and a minor bump, held for one reviewer."""
    released(api)
    release = submitted(owner, draft(api, "1.1.0", PETS_BREAKING))
    assert release.state == ReleaseState.IN_REVIEW
    return release


def url(release, action=""):
    return f"/api/v1/releases/{release.pk}/" + (f"{action}/" if action else "")


def test_it_holds_a_breaking_push_from_ci_until_a_reviewer_approves(api, team, reviewer):
    released(api)
    ci = api_client_for(secret=issue(team=team))

    response = ci.put(
        f"/api/v1/apis/{api.slug}/versions/1.1.0/spec?submit=true",
        PETS_BREAKING,
        content_type="application/yaml",
    )
    assert response.status_code in (200, 202), response.content
    status_url = response["Link"].split(";")[0].strip("<>")
    assert status_url.endswith(f"/api/v1/apis/{api.slug}/versions/1.1.0/release")
    assert ci.get(status_url).json()["state"] == "submitted"

    release = Release.objects.get()
    spec_of(PETS_BREAKING)  # the lint run a worker would have made
    release_check(release_id=release.pk)
    body = ci.get(status_url).json()
    assert (body["state"], body["decided"], body["required_approvals"]) == ("in_review", False, 1)
    assert [f["id"] for f in body["semver"]] == ["semver-major-bump-required"]
    assert body["breaking_changes"] and body["breaking_changes"][0]["blocking"]

    # CI's token cannot approve its own release, whatever its scopes.
    assert_problem(ci.post(url(release, "approve")), 403)
    response = api_client_for(reviewer).post(url(release, "approve"), {"sha256": release.sha256})
    assert response.status_code == 200, response.content
    body = ci.get(status_url).json()
    assert (body["state"], body["decided"]) == ("released", True)
    assert Version.objects.get(api=api, version="1.1.0").lifecycle == Lifecycle.RELEASED


def test_it_submits_and_reports_status_through_the_version_route(api, owner):
    draft(api, "1.0.0", PETS_V1)
    client = api_client_for(owner)
    route = f"/api/v1/apis/{api.slug}/versions/1.0.0/release"
    assert_problem(client.get(route), 404)

    response = client.post(route)
    assert response.status_code == 202, response.content
    assert response["Location"].endswith(f"/api/v1/releases/{response.json()['id']}/")
    assert client.post(route).json()["id"] == response.json()["id"]  # idempotent


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("anonymous", 401),
        ("outsider", 403),
        ("teammate", 403),
        ("owner", 403),
        ("reviewer", 200),
        ("admin_user", 200),
    ],
)
def test_it_lets_only_reviewers_approve(persona, in_review, name, expected):
    response = api_client_for(persona(name)).post(url(in_review, "approve"))
    assert response.status_code == expected, response.content
    if expected != 200:
        assert response["Content-Type"] == PROBLEM
        assert Release.objects.get(pk=in_review.pk).state == ReleaseState.IN_REVIEW


def test_it_refuses_the_submitter_even_when_a_reviewer(api, reviewer):
    released(api)
    release = submitted(reviewer, draft(api, "1.1.0", PETS_BREAKING))
    body = assert_problem(api_client_for(reviewer).post(url(release, "approve")), 403)
    assert "You submitted" in body["detail"]


def test_it_refuses_a_reviewers_own_token(in_review, reviewer):
    client = api_client_for(secret=issue(user=reviewer))
    body = assert_problem(client.post(url(in_review, "approve")), 403)
    assert "token" in body["detail"]


def test_it_answers_an_invalid_transition_with_409_and_the_allowed_actions(in_review, reviewer):
    client = api_client_for(reviewer)
    assert client.post(url(in_review, "approve")).status_code == 200
    body = assert_problem(client.post(url(in_review, "reject"), {"comment": "late"}), 409)
    assert body["state"] == "released" and body["allowed"] == []
    assert body["type"].endswith("/invalid-transition")


def test_it_refuses_an_approval_of_another_spec(in_review, reviewer):
    stale = "0" * 64
    body = assert_problem(
        api_client_for(reviewer).post(url(in_review, "approve"), {"sha256": stale}), 409
    )
    assert "allowed" in body and "approve" in body["allowed"]


def test_it_needs_a_reason_to_reject_or_request_changes(in_review, reviewer):
    client = api_client_for(reviewer)
    assert_problem(client.post(url(in_review, "request-changes")), 400)
    response = client.post(url(in_review, "request-changes"), {"comment": "Make it 2.0.0."})
    assert response.json()["state"] == "changes_requested"
    assert response.json()["allowed_actions"] == ["submit", "withdraw", "comment"]


def test_it_lets_the_owning_team_withdraw_and_no_one_else(in_review, outsider, teammate):
    assert_problem(api_client_for(outsider).post(url(in_review, "withdraw")), 403)
    response = api_client_for(teammate).post(url(in_review, "withdraw"))
    assert response.json()["state"] == "withdrawn"


def test_it_takes_comments_from_reviewers_and_the_team_only(in_review, reviewer, owner, outsider):
    assert_problem(api_client_for(outsider).post(url(in_review, "comments"), {"body": "hi"}), 403)
    for user in (reviewer, owner):
        response = api_client_for(user).post(url(in_review, "comments"), {"body": "Looks right."})
        assert response.status_code == 200, response.content
    assert in_review.reviews.filter(kind="comment").count() == 2


def test_it_never_changes_state_on_get(in_review, reviewer):
    client = api_client_for(reviewer)
    events = AuditEvent.objects.count()
    for action in ("approve", "reject", "request-changes", "withdraw"):
        assert client.get(url(in_review, action)).status_code == 405
    assert Release.objects.get(pk=in_review.pk).state == ReleaseState.IN_REVIEW
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("action", ["", "withdraw/", "comments/", "approve/"])
def test_it_answers_a_release_id_that_is_not_a_number_with_404(reviewer, action):
    client = api_client_for(reviewer)
    method = client.post if action else client.get

    assert_problem(method(f"/api/v1/releases/abc/{action}", {}, format="json"), 404)


def test_it_lists_releases_with_the_shared_filters(api, owner, in_review, reviewer):
    client = api_client_for(reviewer)
    url = "/api/v1/releases/?state=in_review&breaking=true"
    with CaptureQueriesContext(connection) as one:
        body = client.get(url).json()
    assert [item["id"] for item in body["results"]] == [in_review.pk]
    assert client.get("/api/v1/releases/?state=released").json()["results"] == []

    for number in (2, 3):
        submitted(owner, draft(api, f"1.{number}.0", PETS_BREAKING))
    with CaptureQueriesContext(connection) as three:
        assert len(client.get(url).json()["results"]) == 3
    assert len(three) == len(one)  # no query per release


def test_it_refuses_to_submit_a_released_version_from_ci(api, team):
    released(api)
    ci = api_client_for(secret=issue(team=team))
    response = ci.put(
        f"/api/v1/apis/{api.slug}/versions/1.0.0/spec?submit=true",
        PETS_BREAKING,
        content_type="application/yaml",
    )
    assert_problem(response, 409)
    assert not Release.objects.exists()
    assert Version.objects.get(api=api, version="1.0.0").spec.content == PETS_V1  # rolled back
