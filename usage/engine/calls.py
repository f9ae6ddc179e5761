"""A call as the importers and the batch endpoint hand it to attribution, and the checks
every call passes whatever its source."""

from __future__ import annotations

import datetime
import hashlib
import re
from typing import NamedTuple

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_PATH = 2000
MAX_HOST = 255
MAX_CREDENTIAL = 200


class Call(NamedTuple):
    """One observed call. `identity` names it for deduplication: the event or request id
    when the source has one, else the whole line or event, so the same thing twice is
    one call."""

    occurred_at: datetime.datetime  # aware, UTC
    method: str
    host: str
    path: str
    status: int
    credential: str
    identity: bytes


class Malformed(ValueError):
    """A line or event that cannot be a call; `reason` is a short code counted per batch."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail


def escape(text: object, limit: int = 200) -> str:
    """Text safe to log or show: control characters and non-ASCII as escapes (so a line
    cannot forge log lines or move a terminal's cursor), cut at `limit`."""
    value = text if isinstance(text, str) else repr(text)
    return value[: limit * 2].encode("unicode_escape").decode("ascii")[:limit]


def event_key(identity: bytes) -> bytes:
    """The 128-bit key of a call: the 16 bytes of its uuid column."""
    return hashlib.blake2b(identity, digest_size=16).digest()


def checked(
    occurred_at: datetime.datetime,
    method: str,
    host: str,
    path: str,
    status: int,
    credential: str,
    identity: bytes,
) -> Call:
    """A Call from parsed fields, or Malformed naming the first bad one."""
    if not (method and len(method) <= 10 and method.isascii() and method.isalpha()):
        raise Malformed("bad-method", escape(method, 40))
    if not path.startswith("/"):
        if path.startswith(("http://", "https://")):
            host, path = _absolute(path)
        else:
            raise Malformed("bad-path", escape(path))
    if len(host) > MAX_HOST or len(credential) > MAX_CREDENTIAL:
        raise Malformed("too-long", escape(host or credential))
    # isprintable() is one fast pass; the exact check runs only on the rare odd line.
    if not (path.isprintable() and host.isprintable() and credential.isprintable()) and (
        _CONTROL.search(path) or _CONTROL.search(host) or _CONTROL.search(credential)
    ):
        raise Malformed("control-characters", escape(path + " " + host + " " + credential))
    if not 100 <= status <= 599 and status != 0:
        raise Malformed("bad-status", str(status))
    if occurred_at.tzinfo is None:
        raise Malformed("bad-timestamp", "The timestamp has no time zone.")
    return Call(
        in_utc(occurred_at), method.upper(), host, path[:MAX_PATH], status, credential, identity
    )


def in_utc(value: datetime.datetime) -> datetime.datetime:
    """An aware time in UTC; a time that UTC cannot hold (year 1 or 9999 with an offset)
    is refused, not an OverflowError."""
    if not value.utcoffset():
        return value
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise Malformed("bad-timestamp", escape(value.isoformat(), 60)) from None


_METHODS: dict[str, str] = {}  # method as logged -> upper case, for the valid ones seen


def plain_method(method: str) -> str | None:
    """The method in upper case when checked() accepts it, else None; remembered, since
    a log holds a handful of methods."""
    found = _METHODS.get(method)
    if found is None and method and len(method) <= 10 and method.isascii() and method.isalpha():
        if len(_METHODS) < 1000:
            _METHODS[method] = found = method.upper()
        else:
            return method.upper()
    return found


def is_plain(host: str, path: str, status: int, credential: str) -> bool:
    """True when checked() keeps these fields as they are (an absolute URL, a long or odd
    value makes it False, and checked() is asked instead)."""
    return (
        path.startswith("/")
        and len(path) <= MAX_PATH
        and len(host) <= MAX_HOST
        and len(credential) <= MAX_CREDENTIAL
        and path.isprintable()
        and host.isprintable()
        and credential.isprintable()
        and (100 <= status <= 599 or status == 0)
    )


def _absolute(url: str) -> tuple[str, str]:
    rest = url.split("://", 1)[1]
    host, slash, path = rest.partition("/")
    return host, "/" + path


def status_of(value: object) -> int:
    """An HTTP status from a number or a string of digits ('-' or '' is 0: none logged)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value in ("", "-"):
            return 0
        if value.isdigit() and len(value) == 3:
            return int(value)
    raise Malformed("bad-status", escape(value, 40))
