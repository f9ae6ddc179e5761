"""The release path in a real Celery worker: a CI push with submit=true is parsed, linted,
diffed and held for review; a hostile base document fails the diff check, not the worker."""

import hashlib

import pytest
from django.db import transaction

from catalog.models import SpecDocument
from catalog.services import Actor
from governance.models import Release, ReleaseState
from governance.services import release_submit
from tests.api.conftest import api_client_for, issue
from tests.factories import ApiFactory
from tests.governance.release_factories import PETS_ADDITION, PETS_BREAKING, draft, released
from tests.workers import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _settled(pk: int) -> Release | None:
    release = Release.objects.get(pk=pk)
    return release if release.state not in ("submitted", "checking") else None


# One test: the worker caches content type ids, which a database flush between tests changes.
def test_it_checks_releases_in_the_worker(worker, api, team, owner):
    """A breaking CI push is held for review; then a hostile base document fails the diff
    check, not the worker, which checks the next release."""
    released(api)
    ci = api_client_for(secret=issue(team=team))
    response = ci.put(
        f"/api/v1/apis/{api.slug}/versions/1.1.0/spec?submit=true",
        PETS_BREAKING.replace(b"Pets", b"Pets v1.1"),
        content_type="application/yaml",
    )
    assert response.status_code == 202, response.content
    status_url = response["Link"].split(";")[0].strip("<>")

    body = wait_for(
        lambda: (
            (data := ci.get(status_url).json())["state"] not in ("submitted", "checking") and data
        ),
        what="the release checks",
    )
    assert body["state"] == "in_review", body
    assert [f["id"] for f in body["semver"]] == ["semver-major-bump-required"]
    assert any(c["id"].startswith("api-path-removed") for c in body["breaking_changes"])
    release = Release.objects.get()
    assert release.checks["lint"]["status"] == "done"  # the worker's own lint run
    assert release.spec.status == SpecDocument.Status.READY

    _hostile_base_fails_the_diff_and_the_worker_keeps_serving(team, owner)
    assert worker.poll() is None


def _hostile_base_fails_the_diff_and_the_worker_keeps_serving(team, owner):
    api = ApiFactory(team=team, slug="hostile", name="Hostile")
    base = released(api)
    hostile = b"openapi: 3.0.3\nx: " + b"[" * 100_000 + b"]" * 100_000
    SpecDocument.objects.filter(pk=base.spec_id).update(
        content=hostile, sha256=hashlib.sha256(hostile).hexdigest(), size=len(hostile)
    )
    with transaction.atomic():
        pk = release_submit(
            actor=Actor.of_user(owner), version=draft(api, "1.1.0", PETS_BREAKING)
        ).pk

    release = wait_for(lambda: _settled(pk), what="the hostile release")
    assert release.state == ReleaseState.IN_REVIEW
    assert release.checks["diff"]["failed"].startswith("The documents could not be compared")
    assert release.required_approvals >= 1  # a failed check is never released automatically

    with transaction.atomic():
        pk = release_submit(
            actor=Actor.of_user(owner), version=draft(api, "1.2.0", PETS_ADDITION)
        ).pk
    assert wait_for(lambda: _settled(pk), what="the next release").state in (
        "in_review",
        "released",
    )
