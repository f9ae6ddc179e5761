"""Calls to event rows: checked against the time window, attributed, keyed."""

import datetime

from usage.attribution import Attribution
from usage.engine.calls import Call, Malformed, checked, event_key, is_plain, plain_method
from usage.engine.logformats import FIELDS
from usage.services.results import IngestResult, Window


def call_row(
    call: Call,
    index: Attribution,
    window: Window,
    *,
    version_id: int | None = None,
    operation: str | None = None,
    consumer_id: int | None = None,
) -> tuple:
    """The event row of a call (store.COLUMNS order). Version, operation and consumer are
    looked up unless given (a batch event may name them). Raises Malformed when the call
    is outside the time window."""
    window.check(call.occurred_at)
    if version_id is None:
        version_id, found = index.resolve(call.host, call.method, call.path)
        operation = found if operation is None else operation
    elif operation is None:
        resolved, found = index.resolve(call.host, call.method, call.path)
        operation = found if resolved == version_id else ""
    if consumer_id is None and call.credential:
        consumer_id = index.credentials.get(call.credential)
    return (
        call.occurred_at.date(),
        event_key(call.identity),
        call.occurred_at,
        version_id,
        operation,
        consumer_id,
        call.credential,
        call.method,
        call.host,
        call.path,
        call.status,
    )


def lines_to_rows(
    lines: list[bytes],
    log_format: str,
    *,
    default_host: str,
    index: Attribution,
    result: IngestResult,
    first_number: int = 1,
) -> list[tuple]:
    """Parses and attributes log lines; refusals are counted in `result` with their line
    numbers, counted from `first_number`.

    The importer's inner loop, so written for speed: a plain line (a method seen before,
    a printable path within limits, a UTC time inside the window) becomes its row here;
    any other goes through checked() and call_row(), which decide and explain refusals.
    Both ways give the same row."""
    fields_of = FIELDS[log_format]
    window = Window.now()
    earliest, latest = window.earliest, window.latest
    resolve, credentials = index.resolve, index.credentials
    rows: list[tuple] = []
    append = rows.append
    for number, line in enumerate(lines, start=first_number):
        try:
            fields = fields_of(line, default_host)
            when, method, host, path, status, credential, identity = fields
            method = plain_method(method)
            if (
                method is None
                or when.tzinfo is not datetime.UTC
                or not earliest <= when <= latest
                or not is_plain(host, path, status, credential)
            ):
                append(call_row(checked(*fields), index, window))
                continue
            version_id, operation = resolve(host, method, path)
            consumer_id = credentials.get(credential) if credential else None
            append(
                (
                    when.date(),
                    event_key(identity),
                    when,
                    version_id,
                    operation,
                    consumer_id,
                    credential,
                    method,
                    host,
                    path,
                    status,
                )
            )
        except Malformed as error:
            result.reject(number, error)
    result.received += len(lines)
    return rows
