"""What follows a finished run: the API roll-ups and the progress of re-lint batches."""

from django.db.models import Count, Q
from django.utils import timezone

from catalog.models import Api, LintStatus
from catalog.services.quality import api_set_quality
from governance import selectors
from governance.models import LintRun, RelintBatch


def api_refresh_lint(*, api: Api) -> None:
    """Sets the API's lint status and score from its newest version with a spec (the
    run shown for that document). Safe to run any number of times."""
    version = selectors.api_latest_linted_version(api)
    run = selectors.spec_lint_run(version.spec_id) if version else None
    api_set_quality(
        api=api,
        lint_status=lint_status_of(run),
        lint_score=run and run.score,
        lint_version=version.version if run else "",
    )


def lint_status_of(run: LintRun | None) -> str:
    if run is None:
        return ""
    if run.status == LintRun.Status.FAILED:
        return LintStatus.FAILED
    if run.status != LintRun.Status.DONE:
        return LintStatus.PENDING
    if run.errors:
        return LintStatus.ERRORS
    return LintStatus.WARNINGS if run.warnings else LintStatus.CLEAN


def runs_finished(*, run_ids: list[int], spec_ids: list[int]) -> None:
    """Updates the roll-ups of the APIs using these documents and the batches that wait for
    these runs. Counters are recounted from the runs, so a repeat changes nothing."""
    for api in Api.objects.filter(versions__spec_id__in=spec_ids).distinct():
        api_refresh_lint(api=api)
    batch_ids = RelintBatch.runs.through.objects.filter(lintrun_id__in=run_ids).values(
        "relintbatch_id"
    )
    for batch in RelintBatch.objects.filter(pk__in=batch_ids, finished_at__isnull=True):
        relint_batch_recount(batch=batch)


def relint_batch_recount(*, batch: RelintBatch) -> None:
    """Recounts a batch's finished runs; marks it finished when none is left."""
    counts = batch.runs.aggregate(
        done=Count("id", filter=Q(status=LintRun.Status.DONE)),
        failed=Count("id", filter=Q(status=LintRun.Status.FAILED)),
    )
    finished = batch.started_at is not None and counts["done"] + counts["failed"] >= batch.total
    RelintBatch.objects.filter(pk=batch.pk).update(
        **counts, finished_at=timezone.now() if finished else None
    )
