"""Events posted to the batch endpoint, as JSON objects, to calls and event rows.

An event: `timestamp` (RFC 3339 with a zone, or seconds since the epoch), `method`, and
`path` (with an optional `host`) or `operation` (an operationId or "METHOD /path" of the
version named by `api` and `version`); `status`; `consumer` (a slug) or `credential`; and
an optional `id`, unique per event across every source (a UUID), that makes a resend
count once. Without an id, the event's content identifies it.
"""

import orjson

from usage.attribution import Attribution
from usage.engine.calls import Call, Malformed, checked, escape, status_of
from usage.engine.logformats import epoch_time, iso_time_utc
from usage.services.results import IngestResult, Window
from usage.services.rows import call_row

FIELDS = frozenset(
    {"id", "timestamp", "method", "host", "path", "operation", "status", "consumer"}
    | {"credential", "api", "version"}
)


def _text(event: dict, name: str, limit: int = 300) -> str:
    value = event.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Malformed(f"bad-{name}", f"{name} must be a string.")
    if len(value) > limit:
        raise Malformed("too-long", f"{name} is longer than {limit} characters.")
    return value


def _identity(event: dict) -> bytes:
    event_id = event.get("id")
    if event_id is not None:
        if not isinstance(event_id, (str, int)) or isinstance(event_id, bool):
            raise Malformed("bad-id", "id must be a string or a number.")
        if len(str(event_id)) > 200:
            raise Malformed("too-long", "id is longer than 200 characters.")
        return b"event:" + str(event_id).encode()
    return b"content:" + orjson.dumps(event, option=orjson.OPT_SORT_KEYS)


def _timestamp(value: object):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return epoch_time(value)
    return iso_time_utc(value)


def event_row(event: object, index: Attribution, window: Window) -> tuple:
    """The event row of one posted event, or Malformed saying what is wrong with it."""
    if not isinstance(event, dict):
        raise Malformed("not-an-object", "Each event must be a JSON object.")
    if not FIELDS.issuperset(event):
        unknown = set(event) - FIELDS
        raise Malformed("unknown-field", escape(", ".join(sorted(map(str, unknown)))))
    if "timestamp" not in event:
        raise Malformed("missing-timestamp", "timestamp is required.")
    version_id, operation = _named_version(event, index)
    path = _text(event, "path", 2000)
    if not path:
        if not operation:
            raise Malformed("missing-path", "path, or api, version and operation, is required.")
        path = operation.partition(" ")[2]
    call = checked(
        _timestamp(event["timestamp"]),
        _text(event, "method", 10),
        _text(event, "host", 255),
        path,
        status_of(event.get("status", 0)),
        _text(event, "credential", 200),
        _identity(event),
    )
    if operation and not call.method == operation.partition(" ")[0]:
        raise Malformed("bad-method", "method differs from the operation's.")
    consumer_id = _named_consumer(event, index)
    return call_row(
        call, index, window, version_id=version_id, operation=operation, consumer_id=consumer_id
    )


def _named_version(event: dict, index: Attribution) -> tuple[int | None, str | None]:
    api, version = _text(event, "api", 100), _text(event, "version", 100)
    named = _text(event, "operation", 300)
    if not (api or version):
        if named:
            raise Malformed("missing-version", "operation needs api and version.")
        return None, None
    version_id = index.versions.get((api, version))
    if version_id is None:
        raise Malformed("unknown-version", escape(f"{api} {version}"))
    if not named:
        return version_id, None
    operation = index.operation_of(version_id, named)
    if operation is None:
        raise Malformed("unknown-operation", escape(named))
    return version_id, operation


def _named_consumer(event: dict, index: Attribution) -> int | None:
    slug = _text(event, "consumer", 100)
    if not slug:
        return None
    consumer_id = index.consumers.get(slug)
    if consumer_id is None:
        raise Malformed("unknown-consumer", escape(slug))
    return consumer_id


def events_to_rows(events: list, index: Attribution, result: IngestResult) -> list[tuple]:
    rows = []
    window = Window.now()
    for number, event in enumerate(events):
        try:
            rows.append(event_row(event, index, window))
        except Malformed as error:
            result.reject(number, error)
    result.received += len(events)
    return rows


__all__ = ["Call", "events_to_rows"]
