"""The release workflow: submit, re-check on a new push, approve, reject, request changes,
withdraw, comment. Every transition locks the version then the release (always in that order,
so two transitions never deadlock), checks it is allowed, moves the catalog version's lifecycle
through catalog's services and writes an audit event, all in one transaction."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.access import is_reviewer
from catalog.models import Lifecycle, SpecDocument, Version
from catalog.services import Actor, audit_record, version_update
from governance.models import OPEN_STATES, AcceptedChange, Release, ReleaseReview, ReleaseState
from governance.services.releases_impact_notify import release_impact_notices_write

Kind = ReleaseReview.Kind

# What may be done to a release in each state (the names the API's actions use).
ACTIONS: dict[str, tuple[str, ...]] = {
    ReleaseState.SUBMITTED: ("withdraw", "comment"),
    ReleaseState.CHECKING: ("withdraw", "comment"),
    ReleaseState.IN_REVIEW: (
        "approve",
        "reject",
        "request_changes",
        "accept_change",
        "withdraw",
        "comment",
    ),
    ReleaseState.CHANGES_REQUESTED: ("submit", "withdraw", "comment"),
    ReleaseState.REJECTED: (),
    ReleaseState.RELEASED: (),
    ReleaseState.WITHDRAWN: (),
}


class ReleaseConflict(Exception):
    """The release is not in a state that allows the action (HTTP 409); `allowed` names what
    its state allows instead."""

    def __init__(self, message: str, *, release: Release | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.state = release.state if release else ""
        self.allowed = list(ACTIONS.get(self.state, ())) if release else []


def allowed_actions(release: Release) -> tuple[str, ...]:
    return ACTIONS[release.state]


def review_refusal(actor: Actor, release: Release) -> str | None:
    """Why `actor` may not review `release`, or None if they may. Review is a governance
    reviewer's act, in person; the submitter never decides their own release."""
    if actor.token_id is not None:
        return "An API token cannot review releases; a governance reviewer must, signed in."
    if actor.user is None or not is_reviewer(actor.user):
        return "Only governance reviewers review releases."
    if release.submitted_by_id is not None and release.submitted_by_id == actor.user.pk:
        return "You submitted this release: another governance reviewer must decide it."
    return None


def _locked_version(pk: int) -> Version:
    # of=self: the spec is an outer join, which PostgreSQL cannot lock (nor needs to).
    return Version.objects.select_for_update(of=("self",)).select_related("api", "spec").get(pk=pk)


def _lock(release_id: int) -> tuple[Release, Version]:
    version_id = Release.objects.values_list("version_id", flat=True).get(pk=release_id)
    version = _locked_version(version_id)
    release = Release.objects.select_for_update().get(pk=release_id)
    release.version = version
    return release, version


def _require(release: Release, action: str) -> None:
    if action not in ACTIONS[release.state]:
        label = release.get_state_display().lower()
        raise ReleaseConflict(
            f"A release that is {label} cannot be {_PAST.get(action, action)}.", release=release
        )


_PAST = {
    "approve": "approved",
    "reject": "rejected",
    "request_changes": "sent back for changes",
    "accept_change": "given accepted changes",
    "withdraw": "withdrawn",
    "comment": "commented on",
    "submit": "submitted again",
}


def _audit(actor: Actor, action: str, release: Release, before: str, **after) -> None:
    audit_record(
        actor=actor,
        action=f"release.{action}",
        target=release,
        api=release.version.api,
        before={"state": before},
        after={"state": release.state, "sha256": release.sha256, **after},
    )


def _move_version(actor: Actor, version: Version, lifecycle: str) -> None:
    """The catalog version follows its release (draft -> in review -> released, or back)."""
    if version.lifecycle != lifecycle:
        version_update(actor=actor, version=version, lifecycle=lifecycle, via_release=True)
        version.lifecycle = lifecycle


def _enqueue_check(release_id: int) -> None:
    from governance.tasks import release_check_task

    transaction.on_commit(lambda: release_check_task.delay(release_id))


def enqueue_notice(release_id: int, event: str) -> None:
    from governance.tasks import release_notify_task

    transaction.on_commit(lambda: release_notify_task.delay(release_id, event))


@transaction.atomic
def release_submit(*, actor: Actor, version: Version) -> Release:
    """Submits a draft version (or a release sent back for changes) for release.

    Requires a spec that could be read. Idempotent: submitting again with the same spec while
    the release is open returns it unchanged; with a new spec, the release is checked again.
    The checks run in a worker (enqueued on commit)."""
    version = _locked_version(version.pk)
    _check_submittable(version)
    release = Release.objects.select_for_update().filter(version=version, state__in=OPEN_STATES)
    release = release.first()
    if release is None:
        release = Release(
            version=version,
            spec=version.spec,
            sha256=version.spec.sha256,
            audience=version.api.audience,
            submitted_by=actor.user,
            submitted_by_label=actor.label[:200],
        )
        try:
            with transaction.atomic():
                release.save()
        except IntegrityError:  # only with a lost lock; the version lock makes it rare
            raise ReleaseConflict(f"{version} is already submitted.") from None
        _audit(actor, "submit", release, "")
        _enqueue_check(release.pk)
    elif release.sha256 != version.spec.sha256 or release.state == ReleaseState.CHANGES_REQUESTED:
        _restart(actor, release, version, action="resubmit")
    _move_version(actor, version, Lifecycle.IN_REVIEW)
    return release


def _check_submittable(version: Version) -> None:
    if version.spec_id is None:
        raise ValidationError({"spec": "Push or upload a spec before submitting the version."})
    if version.spec.status == SpecDocument.Status.FAILED:
        raise ValidationError({"spec": f"The spec could not be read: {version.spec.error}"})
    if version.lifecycle not in (Lifecycle.DRAFT, Lifecycle.IN_REVIEW):
        raise ReleaseConflict(
            f"{version} is {version.get_lifecycle_display().lower()}: only a draft is submitted."
        )


def _restart(actor: Actor, release: Release, version: Version, *, action: str) -> None:
    """Back to the checks with the version's current spec; earlier approvals were given to
    another sha256 (or are kept when the spec is the same, after an accepted change)."""
    before = release.state
    release.spec = version.spec
    release.sha256 = version.spec.sha256
    release.state = ReleaseState.SUBMITTED
    release.check_started_at = release.checked_at = release.review_started_at = None
    release.decided_at = release.review_notified_at = release.decision_notified_at = None
    release.save()
    _audit(actor, action, release, before)
    _enqueue_check(release.pk)


@transaction.atomic
def release_spec_changed(*, actor: Actor, version: Version) -> Release | None:
    """A new spec was attached to a version being released: its release goes back to the
    checks, then to review. A release sent back for changes waits for its owner to submit."""
    version = _locked_version(version.pk)
    waiting = (ReleaseState.SUBMITTED, ReleaseState.CHECKING, ReleaseState.IN_REVIEW)
    release = Release.objects.select_for_update().filter(version=version, state__in=waiting)
    release = release.first()
    if release is None or version.spec_id is None or release.sha256 == version.spec.sha256:
        return release
    _restart(actor, release, version, action="spec_changed")
    return release


def release_on_spec_ready(sender, *, spec: SpecDocument, **kwargs) -> None:
    """Receiver of catalog's spec_ready: a push of a new spec sends an open release back."""
    stale = Release.objects.filter(version__spec=spec, state__in=OPEN_STATES)
    stale = stale.exclude(sha256=spec.sha256).values("version")
    for version in Version.objects.filter(pk__in=stale):
        release_spec_changed(actor=Actor.system("portal"), version=version)


def release_approve(
    *, actor: Actor, release: Release, sha256: str = "", comment: str = ""
) -> Release:
    """Records a reviewer's approval of the spec the release is bound to; the approval that
    completes the count releases the version. Raises PermissionDenied (not a reviewer, a token,
    the submitter) or ReleaseConflict (not in review, already approved, or `sha256` is not
    the spec the release is bound to). Two approvals at once are serialised by the locks:
    the second finds the release released and gets a conflict."""
    with transaction.atomic():
        release, version = _lock(release.pk)
        _refuse_unless_reviewer(actor, release)
        _require(release, "approve")
        _require_current_spec(release, version, sha256)
        approved = release.reviews.filter(kind=Kind.APPROVE, sha256=release.sha256)
        if approved.filter(author=actor.user).exists():
            raise ReleaseConflict("You already approved this spec of the release.", release=release)
        _review(actor, release, Kind.APPROVE, comment)
        count = approved.values("author").distinct().count()
        _audit(actor, "approve", release, release.state, approvals=count)
        if count >= release.required_approvals:
            release_publish(actor=actor, release=release, version=version)
    return release


def _refuse_unless_reviewer(actor: Actor, release: Release) -> None:
    refusal = review_refusal(actor, release)
    if refusal:
        raise PermissionDenied(refusal)


def _require_current_spec(release: Release, version: Version, sha256: str) -> None:
    if version.spec_id is None or version.spec.sha256 != release.sha256:
        raise ReleaseConflict(
            "A new spec was pushed since the checks: the release is checked again before "
            "it can be approved.",
            release=release,
        )
    if sha256 and sha256 != release.sha256:
        raise ReleaseConflict(
            f"You reviewed the spec {sha256[:12]}, but the release is now bound to "
            f"{release.sha256[:12]}: review the new spec.",
            release=release,
        )


def _review(actor: Actor, release: Release, kind: str, body: str) -> ReleaseReview:
    return ReleaseReview.objects.create(
        release=release,
        author=actor.user,
        author_label=actor.label[:200],
        kind=kind,
        sha256=release.sha256,
        body=body.strip(),
    )


def release_publish(*, actor: Actor, release: Release, version: Version) -> None:
    """Releases the version (its lifecycle through catalog) and tells the owners. Called with
    both rows locked, by the deciding approval or by the checks for an automatic route."""
    before = release.state
    release.state = ReleaseState.RELEASED
    release.decided_at = timezone.now()
    release.save(update_fields=["state", "decided_at", "updated_at"])
    _move_version(actor, version, Lifecycle.RELEASED)
    _audit(actor, "released", release, before)
    enqueue_notice(release.pk, "decided")
    release_impact_notices_write(release=release)


def release_reject(*, actor: Actor, release: Release, comment: str) -> Release:
    """Rejects the release for good (the version goes back to draft); a reason is required."""
    return _decide(actor, release, "reject", ReleaseState.REJECTED, comment)


def release_request_changes(*, actor: Actor, release: Release, comment: str) -> Release:
    """Sends the release back to its owners (the version goes back to draft) with what to
    change; they submit again when it is done."""
    return _decide(actor, release, "request_changes", ReleaseState.CHANGES_REQUESTED, comment)


def _decide(actor: Actor, release: Release, action: str, state: str, comment: str) -> Release:
    if not comment.strip():
        raise ValidationError({"comment": "Say why, so the owners know what to change."})
    with transaction.atomic():
        release, version = _lock(release.pk)
        _refuse_unless_reviewer(actor, release)
        _require(release, action)
        before = release.state
        release.state = state
        release.decided_at = timezone.now()
        release.save(update_fields=["state", "decided_at", "updated_at"])
        _review(actor, release, action, comment)
        _move_version(actor, version, Lifecycle.DRAFT)
        _audit(actor, action, release, before)
        enqueue_notice(release.pk, "decided")
    return release


def release_withdraw(*, actor: Actor, release: Release, comment: str = "") -> Release:
    """The owners take an open release back (the version returns to draft). The caller checks
    that `actor` may edit the API."""
    with transaction.atomic():
        release, version = _lock(release.pk)
        _require(release, "withdraw")
        before = release.state
        release.state = ReleaseState.WITHDRAWN
        release.decided_at = timezone.now()
        release.save(update_fields=["state", "decided_at", "updated_at"])
        _review(actor, release, Kind.WITHDRAW, comment)
        if version.lifecycle == Lifecycle.IN_REVIEW:
            _move_version(actor, version, Lifecycle.DRAFT)
        _audit(actor, "withdraw", release, before)
    return release


def release_comment(*, actor: Actor, release: Release, body: str) -> ReleaseReview:
    """Adds to the discussion of an open release. The caller checks who may comment."""
    if not body.strip():
        raise ValidationError({"comment": "Write a comment first."})
    if actor.token_id is not None:
        raise PermissionDenied("The discussion is between people; an API token cannot comment.")
    with transaction.atomic():
        release, _version = _lock(release.pk)
        _require(release, "comment")
        return _review(actor, release, Kind.COMMENT, body)


def release_accept_change(
    *, actor: Actor, release: Release, change_id: str, operation: str, reason: str
) -> AcceptedChange:
    """A reviewer accepts a breaking change for this release, with a reason: the checks run
    again with it as an ignore entry, so it no longer blocks (nor asks for a major version).
    Approvals already given stay valid: the spec is the same."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the change is acceptable."})
    with transaction.atomic():
        release, version = _lock(release.pk)
        _refuse_unless_reviewer(actor, release)
        _require(release, "accept_change")
        change_id, operation = change_id.strip(), operation.strip()
        reported = {
            (change["id"], change["operation"] or "")
            for change in (release.checks or {}).get("diff", {}).get("changes", [])
        }
        if (change_id, operation) not in reported:
            raise ValidationError({"change_id": "This release's checks report no such change."})
        accepted, _ = AcceptedChange.objects.update_or_create(
            release=release,
            change_id=change_id,
            operation=operation,
            defaults={
                "reason": reason.strip(),
                "accepted_by": actor.user,
                "accepted_by_label": actor.label[:200],
            },
        )
        _restart(actor, release, version, action="accept_change")
    return accepted
