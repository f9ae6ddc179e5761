"""Two reviewers acting at once, against the real PostgreSQL: one release, one winner; the
other gets 409 and nothing is released twice."""

import threading

import pytest
from django.db import connection

from catalog.models import AuditEvent, Lifecycle, Version
from governance.models import Release, ReleaseReview, ReleaseState
from tests.api.conftest import api_client_for
from tests.factories import UserFactory
from tests.governance.release_factories import PETS_BREAKING, draft, released, submitted

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(calls) -> list:
    """Runs the calls in threads released together by a barrier; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait(timeout=10)
            results[index] = call()
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def reviewers(reviewer):
    second = UserFactory(username="reviewer2")
    second.groups.set(reviewer.groups.all())
    return [reviewer, second]


@pytest.mark.parametrize("attempt", range(3))
def test_it_releases_once_when_two_reviewers_approve_at_once(api, owner, reviewers, attempt):
    released(api)
    release = submitted(owner, draft(api, "1.1.0", PETS_BREAKING))
    assert release.required_approvals == 1
    clients = [api_client_for(user) for user in reviewers]
    url = f"/api/v1/releases/{release.pk}/approve/"

    responses = at_once(
        [lambda c=client: c.post(url, {"sha256": release.sha256}) for client in clients]
    )

    assert sorted(response.status_code for response in responses) == [200, 409]
    loser = next(response for response in responses if response.status_code == 409)
    assert loser.json()["state"] == "released" and loser.json()["allowed"] == []
    assert Release.objects.get(pk=release.pk).state == ReleaseState.RELEASED
    assert ReleaseReview.objects.filter(release=release, kind="approve").count() == 1
    assert AuditEvent.objects.filter(action="release.released").count() == 1
    assert Version.objects.get(pk=release.version_id).lifecycle == Lifecycle.RELEASED


def test_it_counts_both_when_two_approvals_are_needed(team, owner, reviewers):
    from tests.governance.release_factories import public_api

    api = public_api(team)
    released(api)
    release = submitted(owner, draft(api, "2.0.0", PETS_BREAKING))
    assert release.required_approvals == 2
    url = f"/api/v1/releases/{release.pk}/approve/"

    responses = at_once([lambda u=user: api_client_for(u).post(url) for user in reviewers])

    assert [response.status_code for response in responses] == [200, 200]
    assert Release.objects.get(pk=release.pk).state == ReleaseState.RELEASED
    assert AuditEvent.objects.filter(action="release.released").count() == 1


def test_it_lets_a_rejection_and_an_approval_race_to_one_decision(api, owner, reviewers):
    released(api)
    release = submitted(owner, draft(api, "1.1.0", PETS_BREAKING))
    url = f"/api/v1/releases/{release.pk}/"
    first, second = (api_client_for(user) for user in reviewers)

    responses = at_once(
        [
            lambda: first.post(url + "approve/"),
            lambda: second.post(url + "reject/", {"comment": "No."}),
        ]
    )

    assert sorted(response.status_code for response in responses) == [200, 409]
    state = Release.objects.get(pk=release.pk).state
    assert state in (ReleaseState.RELEASED, ReleaseState.REJECTED)
    decided = AuditEvent.objects.filter(action__in=["release.released", "release.reject"])
    assert decided.count() == 1
