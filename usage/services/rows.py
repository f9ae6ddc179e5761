"""Calls to event rows: checked against the time window, attributed, keyed."""

from usage.attribution import Attribution
from usage.engine.calls import Call, Malformed, event_key
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
    parser,
    *,
    default_host: str,
    index: Attribution,
    result: IngestResult,
    first_number: int = 1,
) -> list[tuple]:
    """Parses and attributes log lines; refusals are counted in `result` with their line
    numbers, counted from `first_number`."""
    rows = []
    window = Window.now()
    for number, line in enumerate(lines, start=first_number):
        try:
            rows.append(call_row(parser(line, default_host), index, window))
        except Malformed as error:
            result.reject(number, error)
    result.received += len(lines)
    return rows
