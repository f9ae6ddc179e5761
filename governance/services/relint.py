"""Re-linting after a ruleset change: the latest version of each affected API, in the background."""

from django.db import transaction
from django.utils import timezone

from catalog.models import SpecDocument, Version
from catalog.services import Actor
from governance import selectors
from governance.models import RelintBatch, Ruleset
from governance.services.rollups import relint_batch_recount
from governance.services.runs import lint_request


def relint_after_ruleset_change(
    *, actor: Actor, ruleset: Ruleset | None, reason: str
) -> RelintBatch:
    """Records a re-lint batch and queues it when the transaction commits.

    Forward-only: only each API's newest version with a spec is re-linted; older
    versions keep the results they were released with.
    """
    batch = RelintBatch.objects.create(ruleset=ruleset, reason=reason[:200], created_by=actor.user)
    transaction.on_commit(lambda: _enqueue(batch.pk))
    return batch


def _enqueue(batch_id: int) -> None:
    from governance.tasks import relint_batch_task

    relint_batch_task.delay(batch_id)


def relint_batch_run(*, batch_id: int) -> None:
    """Requests, for each API's newest version with a parsed spec, the run with the ruleset
    now governing the API; the batch then waits for those not finished yet. Runs already
    there (same document, same revision) are not redone. Safe to run twice: the batch is
    claimed once."""
    claimed = RelintBatch.objects.filter(pk=batch_id, started_at__isnull=True).update(
        started_at=timezone.now()
    )
    if not claimed:
        return
    with transaction.atomic():
        batch = RelintBatch.objects.select_for_update().get(pk=batch_id)
        resolve = selectors.ruleset_resolver()
        waiting = []
        for version in _newest_versions_with_spec():
            run = lint_request(spec=version.spec, revision=resolve(version.api))
            if not run.is_finished:
                waiting.append(run)
        batch.runs.add(*waiting)
        RelintBatch.objects.filter(pk=batch_id).update(total=len(waiting))
        batch.total = len(waiting)
    relint_batch_recount(batch=batch)


def _newest_versions_with_spec():
    """Each API's newest version (semantic order) whose document is parsed, in one query."""
    return (
        Version.objects.filter(spec__status=SpecDocument.Status.READY)
        .select_related("api", "spec")
        .defer("spec__content")
        .order_by("api_id", "-major", "-minor", "-patch", "prerelease")
        .distinct("api_id")
        .iterator(chunk_size=500)
    )
