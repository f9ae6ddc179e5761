"""The periodic clean-up behind the lint queue: nothing stays queued, running or kept forever."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from governance.models import LintJob, LintRun
from governance.services.rollups import runs_finished

logger = logging.getLogger(__name__)

# A run queued this long has most likely lost its message (the broker was away at commit).
REQUEUE_AFTER = timedelta(minutes=30)
REQUEUE_AT_MOST = 500


def lint_sweep() -> dict[str, int]:
    """Fails runs whose worker died (running past the time limit), queues again runs whose
    message was lost, fails stuck jobs and deletes expired ones. Safe to run any time."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.PORTAL_LINT_TIME_LIMIT + 120)
    dead = list(
        LintRun.objects.filter(status=LintRun.Status.RUNNING, started_at__lt=stale).values_list(
            "pk", "spec_id"
        )
    )
    with transaction.atomic():
        LintRun.objects.filter(pk__in=[pk for pk, _ in dead], status=LintRun.Status.RUNNING).update(
            status=LintRun.Status.FAILED,
            error="The lint did not finish: the worker stopped, or it ran out of time or memory.",
            finished_at=now,
        )
        if dead:
            runs_finished(run_ids=[pk for pk, _ in dead], spec_ids=[spec for _, spec in dead])
    lost = list(
        LintRun.objects.filter(status=LintRun.Status.QUEUED, created_at__lt=now - REQUEUE_AFTER)
        .order_by("created_at")
        .values_list("pk", flat=True)[:REQUEUE_AT_MOST]
    )
    from governance.tasks import lint_execute_task

    for run_id in lost:
        lint_execute_task.delay(run_id)
    stuck = LintJob.objects.filter(
        status__in=[LintJob.Status.QUEUED, LintJob.Status.RUNNING], created_at__lt=stale
    ).update(status=LintJob.Status.FAILED, content=b"", error="The lint did not finish in time.")
    expired, _ = LintJob.objects.filter(expires_at__lt=now).delete()
    if dead or lost or stuck or expired:
        logger.info(
            "lint sweep: %s dead, %s requeued, %s stuck jobs, %s expired",
            len(dead),
            len(lost),
            stuck,
            expired,
        )
    return {"dead": len(dead), "requeued": len(lost), "stuck_jobs": stuck, "expired_jobs": expired}
