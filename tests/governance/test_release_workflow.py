"""The release workflow through its services: checks, routes, approvals bound to the spec,
a new push sending a release back, decisions, and the catalog version following along."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from catalog.models import Audience, AuditEvent, Lifecycle
from catalog.services import Actor, version_attach_spec
from governance.models import ReleaseState
from governance.services import (
    ReleaseConflict,
    release_accept_change,
    release_approve,
    release_check,
    release_reject,
    release_request_changes,
    release_spec_changed,
    release_submit,
    release_withdraw,
)
from tests.factories import MembershipFactory, UserFactory
from tests.governance.release_factories import (
    PETS_ADDITION,
    PETS_BREAKING,
    PETS_V1,
    draft,
    public_api,
    released,
    spec_of,
    submitted,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_reviewer(reviewer):
    user = UserFactory(username="reviewer2")
    user.groups.set(reviewer.groups.all())
    return user


def as_(user) -> Actor:
    return Actor.of_user(user)


def test_it_releases_a_clean_internal_version_without_review(api, owner):
    released(api)
    version = draft(api, "1.1.0", PETS_ADDITION)

    release = submitted(owner, version)

    assert release.state == ReleaseState.RELEASED and release.required_approvals == 0
    version.refresh_from_db()
    assert version.lifecycle == Lifecycle.RELEASED and version.released_on
    assert release.breaking_count == 0 and release.checks["semver"] == []
    assert "endpoint-added" in {c["id"] for c in release.checks["diff"]["changes"]}
    assert "/owners" in release.changelog
    actions = AuditEvent.objects.filter(action__startswith="release.").values_list(
        "action", flat=True
    )
    assert set(actions) == {"release.submit", "release.checked", "release.released"}


def test_it_holds_a_breaking_change_with_a_minor_bump_for_review(api, owner, reviewer):
    released(api)
    version = draft(api, "1.1.0", PETS_BREAKING)

    release = submitted(owner, version)

    assert release.state == ReleaseState.IN_REVIEW and release.required_approvals == 1
    assert release.breaking_count >= 1
    (finding,) = release.checks["semver"]
    assert finding["id"] == "semver-major-bump-required"
    version.refresh_from_db()
    assert version.lifecycle == Lifecycle.IN_REVIEW

    release_approve(actor=as_(reviewer), release=release, sha256=release.sha256)
    release.refresh_from_db()
    version.refresh_from_db()
    assert release.state == ReleaseState.RELEASED and version.lifecycle == Lifecycle.RELEASED


def test_it_asks_two_reviewers_for_a_breaking_public_release(
    team, owner, reviewer, second_reviewer
):
    api = public_api(team)
    released(api)
    release = submitted(owner, draft(api, "2.0.0", PETS_BREAKING))
    assert release.required_approvals == 2

    release_approve(actor=as_(reviewer), release=release)
    release.refresh_from_db()
    assert release.state == ReleaseState.IN_REVIEW
    with pytest.raises(ReleaseConflict, match="already approved"):
        release_approve(actor=as_(reviewer), release=release)

    release_approve(actor=as_(second_reviewer), release=release)
    release.refresh_from_db()
    assert release.state == ReleaseState.RELEASED


def test_it_reviews_every_partner_release_and_a_first_release(team, owner):
    api = public_api(team)
    api.audience = Audience.PARTNER
    api.save()
    release = submitted(owner, draft(api, "1.0.0", PETS_V1))
    assert release.state == ReleaseState.IN_REVIEW and release.required_approvals == 1
    assert release.checks["diff"]["first_release"]


def test_it_does_not_auto_release_an_internal_version_with_lint_errors(api, owner):
    released(api)
    release = submitted(owner, draft(api, "1.1.0", PETS_ADDITION, lint_errors=2))
    assert release.state == ReleaseState.IN_REVIEW and release.lint_errors == 2
    assert "lint error" in release.route


def test_it_never_lets_the_submitter_a_token_or_a_non_reviewer_approve(
    api, owner, reviewer, outsider
):
    released(api)
    reviewer_release = submitted(reviewer, draft(api, "1.1.0", PETS_BREAKING))
    with pytest.raises(PermissionDenied, match="You submitted"):
        release_approve(actor=as_(reviewer), release=reviewer_release)
    token = Actor(user=reviewer, label="token ci", token_id=7)
    with pytest.raises(PermissionDenied, match="token"):
        release_approve(actor=token, release=reviewer_release)
    for person in (owner, outsider):
        with pytest.raises(PermissionDenied, match="governance reviewers"):
            release_approve(actor=as_(person), release=reviewer_release)
    assert not reviewer_release.reviews.exists()


def test_it_binds_approvals_to_the_spec_and_checks_a_new_push_again(api, owner, reviewer):
    released(api)
    version = draft(api, "2.0.0", PETS_BREAKING)
    release = submitted(owner, version)
    old_sha = release.sha256

    # A new push: until its checks ran, nothing can be approved.
    attached = spec_of(PETS_BREAKING + b"# changed\n")
    version.spec = attached
    version.save()
    with pytest.raises(ReleaseConflict, match="new spec"):
        release_approve(actor=as_(reviewer), release=release)
    release_spec_changed(actor=Actor.system("test"), version=version)
    release.refresh_from_db()
    assert release.state == ReleaseState.SUBMITTED and release.sha256 == attached.sha256

    release_check(release_id=release.pk)
    release.refresh_from_db()
    assert release.state == ReleaseState.IN_REVIEW
    with pytest.raises(ReleaseConflict, match="You reviewed the spec"):
        release_approve(actor=as_(reviewer), release=release, sha256=old_sha)
    release_approve(actor=as_(reviewer), release=release, sha256=attached.sha256)
    release.refresh_from_db()
    assert release.state == ReleaseState.RELEASED


def test_it_sends_an_open_release_back_when_catalog_attaches_a_new_spec(api, owner):
    from governance.services.releases import release_on_spec_ready

    released(api)
    version = draft(api, "2.0.0", PETS_BREAKING)
    release = submitted(owner, version)
    new = PETS_BREAKING.replace(b"Pets", b"Pets and owners")
    spec = version_attach_spec(actor=as_(owner), version=version, content=new, filename="p.yaml")
    release_on_spec_ready(sender=None, spec=spec)  # as catalog's spec_ready does once parsed

    release.refresh_from_db()
    assert release.state == ReleaseState.SUBMITTED and release.sha256 == spec.sha256


def test_it_rejects_and_requests_changes_with_a_reason(api, owner, reviewer):
    released(api)
    version = draft(api, "1.1.0", PETS_BREAKING)
    release = submitted(owner, version)
    with pytest.raises(ValidationError):
        release_request_changes(actor=as_(reviewer), release=release, comment=" ")

    release_request_changes(actor=as_(reviewer), release=release, comment="Bump to 2.0.0.")
    release.refresh_from_db()
    version.refresh_from_db()
    assert release.state == ReleaseState.CHANGES_REQUESTED and version.lifecycle == "draft"

    # The owners submit again: the same release is checked again and goes back to review.
    again = release_submit(actor=as_(owner), version=version)
    assert again.pk == release.pk and again.state == ReleaseState.SUBMITTED
    release_check(release_id=release.pk)
    release.refresh_from_db()
    release_reject(actor=as_(reviewer), release=release, comment="Not this way.")
    release.refresh_from_db()
    version.refresh_from_db()
    assert release.state == ReleaseState.REJECTED and version.lifecycle == Lifecycle.DRAFT


def test_it_answers_invalid_transitions_with_what_is_allowed(api, owner, reviewer):
    released(api)
    release = submitted(owner, draft(api, "1.1.0", PETS_ADDITION))
    assert release.state == ReleaseState.RELEASED
    with pytest.raises(ReleaseConflict) as caught:
        release_approve(actor=as_(reviewer), release=release)
    assert caught.value.allowed == [] and caught.value.state == "released"
    with pytest.raises(ReleaseConflict):
        release_withdraw(actor=as_(owner), release=release)

    pending = release_submit(actor=as_(owner), version=draft(api, "1.2.0", PETS_ADDITION))
    with pytest.raises(ReleaseConflict) as caught:
        release_approve(actor=as_(reviewer), release=pending)
    assert caught.value.allowed == ["withdraw", "comment"]


def test_it_refuses_to_submit_a_released_version_or_one_without_spec(api, owner):
    version = released(api)
    with pytest.raises(ReleaseConflict):
        release_submit(actor=as_(owner), version=version)
    empty = draft(api, "1.1.0", PETS_V1)
    empty.spec = None
    empty.save()
    with pytest.raises(ValidationError):
        release_submit(actor=as_(owner), version=empty)


def test_it_submits_once_for_the_same_spec(api, owner):
    version = draft(api, "1.0.0", PETS_V1)
    first = release_submit(actor=as_(owner), version=version)
    assert release_submit(actor=as_(owner), version=version).pk == first.pk
    assert version.releases.count() == 1


def test_it_withdraws_a_release_and_returns_the_version_to_draft(api, owner):
    released(api)
    version = draft(api, "2.0.0", PETS_BREAKING)
    release = submitted(owner, version)
    release_withdraw(actor=as_(owner), release=release)
    release.refresh_from_db()
    version.refresh_from_db()
    assert release.state == ReleaseState.WITHDRAWN and version.lifecycle == Lifecycle.DRAFT
    # A withdrawn release is closed: the version can be submitted anew.
    assert release_submit(actor=as_(owner), version=version).pk != release.pk


def test_it_lets_a_reviewer_accept_a_breaking_change(team, owner, reviewer, second_reviewer):
    api = public_api(team)
    released(api)
    release = submitted(owner, draft(api, "2.0.0", PETS_BREAKING))
    assert release.required_approvals == 2
    blocking = [c for c in release.checks["diff"]["changes"] if c["blocking"]]

    for change in blocking:
        release_accept_change(
            actor=as_(reviewer),
            release=release,
            change_id=change["id"],
            operation=change["operation"] or "",
            reason="Agreed with the two consumers.",
        )
        release_check(release_id=release.pk)
    release.refresh_from_db()
    assert release.breaking_count == 0 and release.required_approvals == 1
    accepted = [c for c in release.checks["diff"]["changes"] if c["ignored_because"]]
    assert accepted and all(not c["blocking"] for c in accepted)
    with pytest.raises(ValidationError):
        release_accept_change(
            actor=as_(reviewer), release=release, change_id="x", operation="", reason=""
        )
    with pytest.raises(ValidationError, match="no such change"):
        release_accept_change(
            actor=as_(reviewer), release=release, change_id="made-up", operation="", reason="ok"
        )


def test_it_waits_for_the_lint_and_then_counts_it_as_failed(api, owner, settings):
    from governance.models import LintRun

    version = draft(api, "1.0.0", PETS_V1)
    LintRun.objects.filter(spec=version.spec).update(status=LintRun.Status.RUNNING)
    release = release_submit(actor=as_(owner), version=version)

    assert release_check(release_id=release.pk) == "waiting"
    release.refresh_from_db()
    assert release.state == ReleaseState.SUBMITTED

    settings.PORTAL_RELEASE_LINT_WAIT = 0
    assert release_check(release_id=release.pk, attempt=1) == "done"
    release.refresh_from_db()
    assert release.state == ReleaseState.IN_REVIEW
    assert release.checks["failed"] == ["lint: The lint did not finish in time."]
    assert release_check(release_id=release.pk) == "skipped"  # safe to run twice


def test_it_fails_the_diff_check_of_an_unreadable_base(api, owner):
    base = released(api)
    base.spec.content = b"openapi: 3.0.3\nx: " + b"[" * 5000 + b"]" * 5000
    base.spec.save()
    release = submitted(owner, draft(api, "1.1.0", PETS_ADDITION))
    assert release.state == ReleaseState.IN_REVIEW
    assert release.checks["diff"]["failed"].startswith("The documents could not be compared")


def test_it_compares_with_the_newest_release_below(api, owner):
    released(api, "1.0.0")
    newest = released(api, "2.0.0", PETS_BREAKING)
    release = submitted(owner, draft(api, "1.0.1", PETS_V1))
    assert release.base.version == "1.0.0"
    lower = submitted(owner, draft(api, "0.9.0", PETS_V1))
    assert lower.base_id == newest.pk
    assert [f["id"] for f in lower.checks["semver"]] == ["semver-version-decreased"]


def test_it_lets_another_team_member_not_approve(api, teammate, owner, reviewer):
    MembershipFactory(team=api.team, user=reviewer)  # a reviewer in the owning team may review
    released(api)
    release = submitted(owner, draft(api, "1.1.0", PETS_BREAKING))
    with pytest.raises(PermissionDenied):
        release_approve(actor=as_(teammate), release=release)
    release_approve(actor=as_(reviewer), release=release)
