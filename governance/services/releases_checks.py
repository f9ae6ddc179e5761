"""The checks of a submitted release, run by a worker: the lint result of its spec, the diff
against the last released version, the semver policy; then the route the policy chooses."""

import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

import speclib
from catalog.models import Lifecycle, SpecDocument, Version
from catalog.services import Actor, audit_record
from governance import selectors
from governance.models import LintRun, Release, ReleaseState
from governance.services.releases import _lock, enqueue_notice, release_publish
from governance.services.releases_impact import release_impact
from governance.services.releases_policy import Verdicts, release_route, semver_policy
from speclib.diff.model import Change, Level
from speclib.diff.semver import parse_version, semver_findings

logger = logging.getLogger(__name__)

WAITING, DONE, SKIPPED = "waiting", "done", "skipped"
# While the spec's lint is not in, the check is asked again every RELEASE_CHECK_DELAY seconds,
# up to PORTAL_RELEASE_LINT_WAIT seconds; then the unfinished lint is a failed check.
RELEASE_CHECK_DELAY = 5


def _claim(release_id: int) -> bool:
    """Takes a submitted release for this worker (or one whose worker died mid-check)."""
    stale = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    claimable = Q(state=ReleaseState.SUBMITTED) | Q(
        state=ReleaseState.CHECKING, check_started_at__lt=stale
    )
    return bool(
        Release.objects.filter(claimable, pk=release_id).update(
            state=ReleaseState.CHECKING, check_started_at=timezone.now()
        )
    )


def release_check(*, release_id: int, attempt: int = 0) -> str:
    """Checks a submitted release and routes it: released at once when the policy allows,
    else in review with the number of approvals it needs.

    Returns WAITING (the release is submitted again) while its spec's lint has not finished,
    unless `attempt` is the last, when the unfinished lint is a failed check. Safe to run
    twice: only a submitted release is claimed, and the result is kept only if the release
    still has the spec that was checked (a push meanwhile starts it over)."""
    if not _claim(release_id):
        return SKIPPED
    release = Release.objects.select_related("version__api", "spec").filter(pk=release_id).first()
    if release is None:  # its version was deleted since the claim
        return SKIPPED
    last_attempt = attempt * RELEASE_CHECK_DELAY >= settings.PORTAL_RELEASE_LINT_WAIT
    try:
        lint = _lint(release, last_attempt)
        if lint is None:
            _unclaim(release)
            return WAITING
        base = _base_version(release.version)
        checks = {"lint": lint, **_compare(release, base)}
        checks["impact"] = release_impact(base=base, changes=checks["diff"]["changes"])
    except OperationalError:
        _unclaim(release)
        raise
    try:
        _finish(release, base, checks)
    except (Release.DoesNotExist, Version.DoesNotExist):  # deleted while it was checked
        return SKIPPED
    return DONE


def releases_unchecked() -> list[int]:
    """Releases whose check task was lost (submitted for over a minute without a check
    started) or whose worker died while checking: the sweep queues them again."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    lost = Q(state=ReleaseState.SUBMITTED, updated_at__lt=now - timedelta(minutes=1))
    stuck = Q(state=ReleaseState.CHECKING, check_started_at__lt=stale)
    return list(Release.objects.filter(lost | stuck).values_list("pk", flat=True)[:500])


def _unclaim(release: Release) -> None:
    Release.objects.filter(pk=release.pk, state=ReleaseState.CHECKING).update(
        state=ReleaseState.SUBMITTED, check_started_at=None
    )


def _lint(release: Release, last_attempt: bool) -> dict | None:
    """The lint result of the release's spec, None while it is not in yet."""
    spec = release.spec
    if spec.status == SpecDocument.Status.FAILED:
        return {"failed": f"The spec could not be read: {spec.error}"}
    run = selectors.spec_lint_run(spec.pk)
    if run is None:
        with transaction.atomic():
            run = selectors.spec_lint_run(spec.pk) or _request_lint(release)
    if not run.is_finished:
        if not last_attempt:
            return None
        return {"failed": "The lint did not finish in time.", "run": run.pk}
    summary = {
        "run": run.pk,
        "status": run.status,
        "ruleset": run.ruleset_label,
        "errors": run.errors,
        "warnings": run.warnings,
        "score": run.score,
    }
    if run.status == LintRun.Status.FAILED:
        summary["failed"] = run.error or "The lint failed."
    return summary


def _request_lint(release: Release) -> LintRun:
    from governance.services.runs import lint_request

    return lint_request(spec=release.spec, revision=selectors.ruleset_for_api(release.version.api))


def _base_version(version: Version) -> Version | None:
    """The released version to compare with: the newest one below this version, else (for a
    version lower than every release) the newest, whose check then reports the decrease."""
    released = Version.objects.filter(
        api_id=version.api_id,
        lifecycle__in=(Lifecycle.RELEASED, Lifecycle.DEPRECATED),
        spec__isnull=False,
    ).exclude(pk=version.pk)
    parsed = [(parse_version(v.version), v) for v in released.only("id", "version", "spec_id")]
    parsed = sorted(((p.key, v) for p, v in parsed if p), key=lambda pair: pair[0])
    own = parse_version(version.version)
    below = [v for key, v in parsed if own is None or key < own.key]
    return (below or [v for _, v in parsed] or [None])[-1]


def _compare(release: Release, base: Version | None) -> dict:
    """The diff (its changes, or why it could not be made), the changelog and semver findings."""
    version = release.version
    policy = semver_policy(release.audience)
    if base is None:
        semver = semver_findings([], None, version.version, policy=policy)
        return {
            "diff": {"changes": [], "first_release": True},
            "semver": [change_as_json(change) for change in semver],
            "changelog": f"First release of {version.api.name}: nothing earlier to compare with.",
        }
    try:
        result, changelog = _diff(release, base)
    except Exception as exc:  # noqa: BLE001 - a failed diff is a failed check, not a dead worker
        reason = _reason(exc, release.pk)
        semver = semver_findings([], base.version, version.version, policy=policy)
        return {
            "diff": {"changes": [], "failed": reason},
            "semver": [change_as_json(change) for change in semver],
            "changelog": "",
        }
    semver = semver_findings(result.changes, base.version, version.version, policy=policy)
    return {
        "diff": {"changes": [change_as_json(change) for change in result.changes]},
        "semver": [change_as_json(change) for change in semver],
        "changelog": changelog,
    }


def _diff(release: Release, base: Version):
    from speclib.diff import DiffOptions, Ignore, compare
    from speclib.diff.render import render_markdown

    ignore = tuple(
        Ignore(id=accepted.change_id, operation=accepted.operation or None, reason=accepted.reason)
        for accepted in release.accepted_changes.all()
    )
    base_content = SpecDocument.objects.values_list("content", flat=True).get(pk=base.spec_id)
    result = compare(
        bytes(base_content),
        bytes(release.spec.content),
        options=DiffOptions(ignore=ignore),
        base_name=base.version,
        revision_name=release.version.version,
    )
    return result, render_markdown(result)


def _reason(exc: Exception, release_id: int) -> str:
    if isinstance(exc, speclib.SpecError):
        where = f" (line {exc.line})" if exc.line else ""
        return f"The documents could not be compared: {exc.message}{where}"
    if isinstance(exc, SoftTimeLimitExceeded):
        return "The comparison took longer than the time limit."
    if isinstance(exc, (MemoryError, RecursionError)):
        return "The documents are too large or too deeply nested to compare."
    logger.exception("release %s: the differ failed", release_id, exc_info=exc)
    return "The differ failed on these documents (an internal error)."


def change_as_json(change: Change) -> dict:
    def where(location):
        return location and {"pointer": location.pointer, "line": location.line}

    return {
        "id": change.id,
        "level": change.level.label,
        "text": change.text,
        "operation": change.operation,
        "blocking": change.blocking,
        "ignored_because": change.ignored_because,
        "base": where(change.base),
        "revision": where(change.revision),
    }


def _verdicts(checks: dict) -> Verdicts:
    failed = [
        f"{name}: {checks[name]['failed']}" for name in ("lint", "diff") if "failed" in checks[name]
    ]
    return Verdicts(
        breaking=sum(1 for change in checks["diff"]["changes"] if change["blocking"]),
        lint_errors=checks["lint"].get("errors"),
        semver_blocking=sum(1 for f in checks["semver"] if f["level"] == Level.ERROR.label),
        failed=failed,
        impacted_consumers=len((checks.get("impact") or {}).get("consumers", [])),
    )


def _finish(release: Release, base: Version | None, checks: dict) -> None:
    verdicts = _verdicts(checks)
    route = release_route(audience=release.audience, verdicts=verdicts)
    actor = Actor.system("portal")
    with transaction.atomic():
        locked, version = _lock(release.pk)
        if locked.state != ReleaseState.CHECKING or locked.sha256 != release.sha256:
            return  # withdrawn, or a new push started the checks over
        locked.base = base
        locked.changelog = checks.pop("changelog")
        locked.checks = {**checks, "failed": verdicts.failed}
        locked.breaking_count = verdicts.breaking
        locked.lint_errors = verdicts.lint_errors
        locked.required_approvals = route.required_approvals
        locked.route = route.reason[:300]
        locked.checked_at = timezone.now()
        locked.state = ReleaseState.IN_REVIEW
        locked.review_started_at = locked.review_started_at or locked.checked_at
        locked.save()
        audit_record(
            actor=actor,
            action="release.checked",
            target=locked,
            api=version.api,
            before={"state": ReleaseState.CHECKING},
            after={"state": locked.state, "route": locked.route, "sha256": locked.sha256},
        )
        # Approvals of this spec survive a re-check (after an accepted change) and may suffice.
        if route.automatic or _approvals(locked) >= locked.required_approvals:
            release_publish(actor=actor, release=locked, version=version)
        else:
            enqueue_notice(locked.pk, "waiting")


def _approvals(release: Release) -> int:
    approvals = release.reviews.filter(kind="approve", sha256=release.sha256)
    return approvals.values("author").distinct().count()
