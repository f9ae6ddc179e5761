"""Gateway access log lines to calls: nginx (JSON and combined), Envoy's default format as
JSON, and Kong's file log. Each parser takes one line (bytes, without its newline) and
returns a Call or raises Malformed. It is made of two halves: FIELDS[format] reads the
line's raw fields (as a tuple in Call's order, unchecked), and calls.checked() checks them;
the importer calls the halves itself, so that a plain line can skip the general checks
(rows.lines_to_rows).

Which fields are read, per format:

- nginx-json: `time_iso8601` (or `msec`, or `time_local`), `request_method` and
  `request_uri` (or `request`), `host` (or `http_host`, `server_name`), `status`,
  `request_id`, and a credential in `client_id`, `http_x_client_id`, `consumer` or
  `remote_user`.
- nginx-combined: the standard combined format; `$remote_user` is the credential. Two
  optional quoted fields after the user agent, `"$host" "$request_id"`, give the host and
  request id; without them the importer's default host applies.
- envoy: the keys of Envoy's default format written as JSON (`start_time`, `method`,
  `path`, `response_code`, `authority`, `request_id`), with an optional `client_id`.
- kong: Kong's file-log plugin (`started_at` in ms, `request.method`, `request.uri`,
  `request.headers.host`, `response.status`, `request.id`, and the consumer's
  `custom_id`, `username` or `id`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import orjson

from .calls import Call, Malformed, checked, escape, in_utc, status_of

# A line's fields in Call's order, before calls.checked(): occurred_at, method, host,
# path, status, credential, identity.
Fields = tuple[datetime.datetime, str, str, str, int, str, bytes]

_MONTHS = {
    name: number
    for number, name in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}
_TIMES: dict[str, datetime.datetime] = {}  # one parse per distinct second, not per line


def local_time(text: str) -> datetime.datetime:
    """nginx's $time_local, `10/Oct/2000:13:55:36 -0700`, as an aware datetime."""
    found = _TIMES.get(text)
    if found is not None:
        return found
    try:
        day, month, year = text[0:2], _MONTHS[text[3:6]], text[7:11]
        hour, minute, second = text[12:14], text[15:17], text[18:20]
        sign, offset = text[21], text[22:26]
        zone = datetime.timedelta(hours=int(offset[:2]), minutes=int(offset[2:]))
        value = datetime.datetime(
            int(year),
            month,
            int(day),
            int(hour),
            int(minute),
            int(second),
            tzinfo=datetime.timezone(-zone if sign == "-" else zone),
        ).astimezone(datetime.UTC)
    except (KeyError, ValueError, IndexError, OverflowError):  # Overflow: year 1 or 9999
        raise Malformed("bad-timestamp", escape(text, 60)) from None
    if len(_TIMES) > 100_000:
        _TIMES.clear()
    _TIMES[text] = value
    return value


def iso_time(text: object) -> datetime.datetime:
    if not isinstance(text, str):
        raise Malformed("bad-timestamp", escape(text, 60))
    try:
        value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise Malformed("bad-timestamp", escape(text, 60)) from None
    if value.tzinfo is None:
        raise Malformed("bad-timestamp", "The timestamp has no time zone.")
    return value


_ISO_TIMES: dict[str, datetime.datetime] = {}


def iso_time_utc(text: object) -> datetime.datetime:
    """iso_time() in UTC, remembered per distinct text: a log repeats each second."""
    found = _ISO_TIMES.get(text) if isinstance(text, str) else None
    if found is not None:
        return found
    value = in_utc(iso_time(text))
    if len(_ISO_TIMES) > 100_000:
        _ISO_TIMES.clear()
    _ISO_TIMES[text] = value
    return value


def epoch_time(seconds: object) -> datetime.datetime:
    try:
        return datetime.datetime.fromtimestamp(float(seconds), datetime.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        raise Malformed("bad-timestamp", escape(seconds, 60)) from None


def _json(line: bytes) -> dict:
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        raise Malformed("bad-json", escape(line.decode("utf-8", "replace"))) from None
    if not isinstance(data, dict):
        raise Malformed("bad-json", "A log line must be a JSON object.")
    return data


def _text(data: dict, *names: str) -> str:
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value not in ("", "-"):
            return value
    return ""


def _identity(request_id: str, line: bytes) -> bytes:
    return b"request:" + request_id.encode() if request_id else b"line:" + line


def nginx_json_fields(line: bytes, default_host: str = "") -> Fields:
    data = _json(line)
    method = data.get("request_method") or ""
    path = data.get("request_uri") or _text(data, "uri")
    if not (isinstance(method, str) and isinstance(path, str) and method and path):
        method, _, rest = _text(data, "request").partition(" ")
        path = rest.rsplit(" ", 1)[0] if " HTTP/" in rest else rest
    if "time_iso8601" in data:
        when = iso_time_utc(data["time_iso8601"])
    elif "msec" in data:
        when = epoch_time(data["msec"])
    else:
        when = local_time(_text(data, "time_local"))
    request_id = _text(data, "request_id")
    host = data.get("host")
    credential = data.get("client_id")
    return (
        when,
        method,
        host
        if isinstance(host, str) and host
        else _text(data, "http_host", "server_name") or default_host,
        path,
        status_of(data.get("status", "")),
        credential
        if isinstance(credential, str) and credential
        else _text(data, "http_x_client_id", "consumer", "remote_user"),
        _identity(request_id, line),
    )


_COMBINED = re.compile(
    r'(?P<addr>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<request>(?:[^"\\]|\\.)*)" '
    r"(?P<status>\d{3}|-) \S+"
    r'(?: "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*"'
    r'(?: "(?P<host>(?:[^"\\]|\\.)*)" "(?P<id>(?:[^"\\]|\\.)*)")?)?\s*'
)
# The same pattern for a line without backslashes, where a quoted field is just [^"]*:
# several times faster than the alternation above, which tries an escape at each character.
_COMBINED_PLAIN = re.compile(
    r'(?P<addr>\S+) \S+ (?P<user>\S+) \[(?P<time>[^\]]+)\] "(?P<request>[^"]*)" '
    r"(?P<status>\d{3}|-) \S+"
    r'(?: "[^"]*" "[^"]*"'
    r'(?: "(?P<host>[^"]*)" "(?P<id>[^"]*)")?)?\s*'
)


def nginx_combined_fields(line: bytes, default_host: str = "") -> Fields:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("not-utf8", escape(line.decode("utf-8", "replace"))) from None
    found = (_COMBINED if "\\" in text else _COMBINED_PLAIN).fullmatch(text)
    if found is None:
        raise Malformed("bad-line", escape(text))
    parts = found["request"].split(" ")
    if len(parts) not in (2, 3):
        raise Malformed("bad-request-line", escape(found["request"]))
    user = found["user"]
    request_id = found["id"] if found["id"] not in (None, "-") else ""
    host = found["host"] if found["host"] not in (None, "-") else default_host
    return (
        local_time(found["time"]),
        parts[0],
        host,
        parts[1],
        status_of(found["status"]),
        "" if user == "-" else user,
        _identity(request_id, line),
    )


def envoy_fields(line: bytes, default_host: str = "") -> Fields:
    data = _json(line)
    request_id = _text(data, "request_id", "x_request_id")
    return (
        iso_time_utc(data.get("start_time")),
        _text(data, "method"),
        _text(data, "authority") or default_host,
        _text(data, "path"),
        status_of(data.get("response_code", "")),
        _text(data, "client_id", "username", "consumer"),
        _identity(request_id, line),
    )


def kong_fields(line: bytes, default_host: str = "") -> Fields:
    data = _json(line)
    request = data.get("request") if isinstance(data.get("request"), dict) else {}
    response = data.get("response") if isinstance(data.get("response"), dict) else {}
    consumer = data.get("consumer") if isinstance(data.get("consumer"), dict) else {}
    headers = request.get("headers") if isinstance(request.get("headers"), dict) else {}
    started = data.get("started_at")
    if not isinstance(started, (int, float)) or isinstance(started, bool):
        raise Malformed("bad-timestamp", escape(started, 60))
    host = headers.get("host") if isinstance(headers.get("host"), str) else ""
    return (
        epoch_time(started / 1000),
        _text(request, "method"),
        host or default_host,
        _text(request, "uri"),
        status_of(response.get("status", "")),
        _text(consumer, "custom_id", "username", "id"),
        _identity(_text(request, "id"), line),
    )


FIELDS: dict[str, Callable[[bytes, str], Fields]] = {
    "nginx-json": nginx_json_fields,
    "nginx-combined": nginx_combined_fields,
    "envoy": envoy_fields,
    "kong": kong_fields,
}


def nginx_json(line: bytes, default_host: str = "") -> Call:
    return checked(*nginx_json_fields(line, default_host))


def nginx_combined(line: bytes, default_host: str = "") -> Call:
    return checked(*nginx_combined_fields(line, default_host))


def envoy(line: bytes, default_host: str = "") -> Call:
    return checked(*envoy_fields(line, default_host))


def kong(line: bytes, default_host: str = "") -> Call:
    return checked(*kong_fields(line, default_host))


PARSERS: dict[str, Callable[[bytes, str], Call]] = {
    "nginx-json": nginx_json,
    "nginx-combined": nginx_combined,
    "envoy": envoy,
    "kong": kong,
}
