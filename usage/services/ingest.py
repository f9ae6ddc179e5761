"""The two ways in, one pipeline: batches of events over REST, and gateway log files or
streams. Both attribute calls, store them once (store.events_store) and record an
IngestRun with what was kept and what was refused."""

import logging
from collections.abc import Iterator
from functools import partial
from typing import BinaryIO

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from usage.attribution import attribution_index
from usage.models import IngestRun
from usage.services.events import events_to_rows
from usage.services.overlap import InOrder
from usage.services.partitions import partitions_ensure
from usage.services.results import IngestResult
from usage.services.rows import lines_to_rows
from usage.services.store import events_store

logger = logging.getLogger(__name__)

# Deadlock and serialization failures: the transaction was rolled back whole, so it is
# safe to run again.
_RETRYABLE = {"40P01", "40001"}
ATTEMPTS = 3


def _store(rows: list[tuple], result: IngestResult, on_stored=None) -> None:
    """Stores rows in one transaction (with `on_stored` run in it), retried on deadlock."""
    partitions_ensure(days={row[0] for row in rows})
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with transaction.atomic():
                inserted = events_store(rows) if rows else 0
                if on_stored is not None:
                    on_stored(inserted)
        except OperationalError as error:
            code = getattr(error.__cause__, "sqlstate", None)
            if code not in _RETRYABLE or attempt == ATTEMPTS:
                raise
            logger.warning("usage ingest retried after %s (attempt %d)", code, attempt)
            continue
        result.accepted += inserted
        result.duplicates += len(rows) - inserted
        return


def usage_ingest_batch(
    *,
    events: list,
    token=None,
    user=None,
    source: str = "",
    refused: IngestResult | None = None,
) -> IngestRun:
    """Ingests a batch of events (dicts) posted to the REST endpoint.

    Guarantees: events refused are counted by reason and nothing of them is stored; the
    rest are stored and rolled up once each, with the run's record, in one transaction
    (all or nothing). Sending the same batch again, or at the same time from several
    clients, stores and counts each event once. `refused` carries refusals found before
    (lines of a JSON Lines body that were not JSON).
    """
    result = refused or IngestResult()
    rows = events_to_rows(events, attribution_index(), result)
    run = IngestRun(
        kind=IngestRun.Kind.BATCH,
        log_format="events",
        source=source[:500],
        token=token,
        created_by=user,
        status=IngestRun.Status.DONE,
    )

    def record(inserted: int) -> None:
        run.received = result.received
        run.accepted = inserted
        run.duplicates = len(rows) - inserted
        run.rejected = result.rejected
        run.rejections = dict(result.rejections)
        run.samples = result.samples
        run.started_at = run.finished_at = timezone.now()
        run.save()

    _store(rows, result, on_stored=record)
    if result.rejected:
        logger.info(
            "usage batch refused %d of %d events: %s",
            result.rejected,
            result.received,
            dict(result.rejections),
        )
    return run


def _chunks(stream: BinaryIO, size: int) -> Iterator[tuple[list[bytes], int]]:
    """Lists of up to `size` lines (without line ends, blank lines skipped) and the bytes
    they took, so a resumed import can seek past what was committed."""
    lines: list[bytes] = []
    used = 0
    for raw in stream:
        used += len(raw)
        line = raw.rstrip(b"\r\n")
        if line.strip():
            lines.append(line)
        if len(lines) >= size:
            yield lines, used
            lines, used = [], 0
    if lines or used:
        yield lines, used


def usage_import_stream(
    *, run: IngestRun, stream: BinaryIO, default_host: str = "", chunk_lines: int = 50_000
) -> IngestRun:
    """Imports log lines from `stream` in chunks, each committed with the run's counters
    and byte offset in one transaction.

    A run stopped anywhere (a killed worker) loses nothing and counts nothing twice: a
    chunk is stored whole or not at all, the next attempt starts from the committed
    offset when the stream can seek, and lines stored before are recognised anyway.
    """
    IngestRun.objects.filter(pk=run.pk).update(
        status=IngestRun.Status.RUNNING, started_at=timezone.now()
    )
    received = 0
    storer = InOrder(threaded=not connection.in_atomic_block)
    try:
        for lines, used in _chunks(stream, chunk_lines):
            result = IngestResult()
            rows = lines_to_rows(
                lines,
                run.log_format,
                default_host=default_host,
                index=attribution_index(),
                result=result,
                first_number=received + 1,
            )
            received += result.received
            storer.submit(partial(_store_chunk, run, rows, result, used))
    finally:
        storer.close()
    IngestRun.objects.filter(pk=run.pk).update(
        status=IngestRun.Status.DONE, finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


def _store_chunk(run: IngestRun, rows: list[tuple], result: IngestResult, used: int) -> None:
    """Stores a chunk with the run's counters and offset, in one transaction."""

    def record(inserted: int) -> None:
        run.samples = (run.samples + result.samples)[:20]
        IngestRun.objects.filter(pk=run.pk).update(
            received=F("received") + result.received,
            accepted=F("accepted") + inserted,
            duplicates=F("duplicates") + len(rows) - inserted,
            rejected=F("rejected") + result.rejected,
            offset=F("offset") + used,
            samples=run.samples,
            rejections=_merged(run.pk, result),
        )

    _store(rows, result, on_stored=record)


def _merged(run_id: int, result: IngestResult) -> dict:
    current = IngestRun.objects.select_for_update().values_list("rejections", flat=True)
    counts = dict(current.get(pk=run_id))
    for reason, count in result.rejections.items():
        counts[reason] = counts.get(reason, 0) + count
    return counts


def usage_import_file(*, run_id: int, chunk_lines: int | None = None) -> IngestRun:
    """Imports the log file of a queued run (its `source` is the path), resuming from the
    run's committed offset. Safe to run twice: a finished run is left as it is."""
    run = IngestRun.objects.get(pk=run_id)
    if run.status in (IngestRun.Status.DONE, IngestRun.Status.FAILED):
        return run
    try:
        with open(run.source, "rb") as stream:  # noqa: PTH123 - a binary stream is wanted
            stream.seek(run.offset)
            return usage_import_stream(
                run=run,
                stream=stream,
                default_host=run.default_host,
                chunk_lines=chunk_lines or settings.PORTAL_USAGE_IMPORT_CHUNK,
            )
    except OperationalError:
        raise  # the database is away: the task retries, from the committed offset
    except Exception as error:  # noqa: BLE001 - recorded on the run, which would stay running
        logger.exception("usage import %s failed", run.pk)
        IngestRun.objects.filter(pk=run.pk).update(
            status=IngestRun.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        run.refresh_from_db()
        return run
