"""The ``format`` checks of ajv-formats 2.1 ("full" mode), which Spectral's validators load.

Each entry is (type it applies to, check). Formats Ajv does not know are not checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any

from ..jsregex import compile_js
from ..jsregex.parser import RegexSyntaxError, parse

__all__ = ["ALWAYS_VALID", "FORMATS"]


def _js(source: str, flags: str = "") -> Callable[[str], bool]:
    """The pattern's ``test``, translated and compiled on first use: most runs need a few
    formats, and compiling all of them would cost every CLI start about 50 ms."""
    test: Callable[[str], bool] | None = None

    def lazy_test(value: str) -> bool:
        nonlocal test
        if test is None:
            # These patterns are Ajv's own, written for a backtracking engine and trusted.
            test = compile_js(source, flags, check_safety=False).test
        return test(value)

    return lazy_test


@cache
def _compiled(source: str, flags: str = "") -> re.Pattern[str]:
    return compile_js(source, flags, check_safety=False).compiled


_IPV4_PART = r"(?:25[0-5]|2[0-4]\d|[01]?\d\d?)"
# Ajv's RFC 3986 patterns, as ajv-formats writes them.
_URI_SOURCE = (
    "^(?:[a-z][a-z0-9+\\-.]*:)(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?:"
    "\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-9"
    "a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:("
    "?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){0"
    ",3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:[0"
    "-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\"
    "d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a-"
    "f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]|(?:(?:"
    "25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$&"
    "'()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})*)"
    "*|\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'()*+,;=:@"
    "]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._"
    "~!$&'()*+,;=:@]|%[0-9a-f]{2})*)*)(?:\\?(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*"
    ")?(?:#(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?$"
)
_URI_REFERENCE_SOURCE = (
    "^(?:[a-z][a-z0-9+\\-.]*:)?(?:\\/?\\/(?:(?:[a-z0-9\\-._~!$&'()*+,;=:]|%[0-9a-f]{2})*@)?(?"
    ":\\[(?:(?:(?:(?:[0-9a-f]{1,4}:){6}|::(?:[0-9a-f]{1,4}:){5}|(?:[0-9a-f]{1,4})?::(?:[0-"
    "9a-f]{1,4}:){4}|(?:(?:[0-9a-f]{1,4}:){0,1}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){3}|(?:"
    "(?:[0-9a-f]{1,4}:){0,2}[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:){2}|(?:(?:[0-9a-f]{1,4}:){"
    "0,3}[0-9a-f]{1,4})?::[0-9a-f]{1,4}:|(?:(?:[0-9a-f]{1,4}:){0,4}[0-9a-f]{1,4})?::)(?:["
    "0-9a-f]{1,4}:[0-9a-f]{1,4}|(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]"
    "\\d|[01]?\\d\\d?))|(?:(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4})?::[0-9a-f]{1,4}|(?:(?:[0-9a"
    "-f]{1,4}:){0,6}[0-9a-f]{1,4})?::)|[Vv][0-9a-f]+\\.[a-z0-9\\-._~!$&'()*+,;=:]+)\\]|(?:(?"
    ":25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)|(?:[a-z0-9\\-._~!$"
    "&'\"()*+,;=]|%[0-9a-f]{2})*)(?::\\d*)?(?:\\/(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2}"
    ")*)*|\\/(?:(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0-9\\-._~!$&'\"()*+"
    ",;=:@]|%[0-9a-f]{2})*)*)?|(?:[a-z0-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})+(?:\\/(?:[a-z0"
    "-9\\-._~!$&'\"()*+,;=:@]|%[0-9a-f]{2})*)*)?(?:\\?(?:[a-z0-9\\-._~!$&'\"()*+,;=:@/?]|%[0-9"
    "a-f]{2})*)?(?:#(?:[a-z0-9\\-._~!$&'\"()*+,;=:@/?]|%[0-9a-f]{2})*)?$"
)

# Shapes that Ajv's two patterns above accept, tested first: nearly every reference and link
# in a description has one, and those patterns cost about 4 ms each to translate and compile
# (a run over a 3.x description checks the format of its $refs). Only their yes is taken:
# whatever they do not match goes to Ajv's pattern.
_PLAIN_URI_REFERENCE = re.compile(r"[A-Za-z0-9._~/-]*(?:#[A-Za-z0-9._~/-]*)?")
_PLAIN_URI = re.compile(
    r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~-]*(?::[0-9]*)?(?:/[A-Za-z0-9._~-]*)*"
    r"(?:\?[A-Za-z0-9._~/?=&-]*)?(?:#[A-Za-z0-9._~/?=&-]*)?"
)
# The scheme that Ajv's uri pattern starts with ("i" without "u" folds no other letter to ASCII).
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_URI = _js(_URI_SOURCE, "i")
_AJV_URI_REFERENCE = _js(_URI_REFERENCE_SOURCE, "i")
_NOT_URI_FRAGMENT = _js(r"\/|:")
_DATE = r"^(\d\d\d\d)-(\d\d)-(\d\d)$"
_TIME = r"^(\d\d):(\d\d):(\d\d)(\.\d+)?(z|[+-]\d\d(?::?\d\d)?)?$"
_DATE_TIME_SEPARATOR = r"t|\s"
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_Z_ANCHOR = _js(r"[^\\]\\Z")


def _date(value: str) -> bool:
    match = _compiled(_DATE).search(value)
    if match is None:
        return False
    year, month, day = (int(group) for group in match.groups())
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 and leap else _DAYS[month])


def _time(value: str) -> bool:
    match = _compiled(_TIME, "i").search(value)
    if match is None:
        return False
    hour, minute, second = int(match[1]), int(match[2]), int(match[3])
    # ajv-formats 2.1 asks for a time zone in date-time but its test never fails (a quirk kept).
    return (hour <= 23 and minute <= 59 and second <= 59) or (hour, minute, second) == (23, 59, 60)


def _date_time(value: str) -> bool:
    parts = _compiled(_DATE_TIME_SEPARATOR, "i").split(value)
    return len(parts) == 2 and _date(parts[0]) and _time(parts[1])


def _uri(value: str) -> bool:
    if _PLAIN_URI.fullmatch(value):
        return True
    if not _SCHEME.match(value):
        return False  # Ajv's pattern asks for one too: a relative link is no URI
    return _NOT_URI_FRAGMENT(value) and _URI(value)


def _uri_reference(value: str) -> bool:
    # Ajv's uri-reference pattern is its uri pattern with the scheme made optional (and a few
    # more characters allowed), so the plain URI shape (the links in info and flows) is one.
    return (
        _PLAIN_URI_REFERENCE.fullmatch(value) is not None
        or _PLAIN_URI.fullmatch(value) is not None
        or _AJV_URI_REFERENCE(value)
    )


@lru_cache(maxsize=4096)  # documents repeat their patterns; parsing one costs ~0.3 ms
def _regex(value: str) -> bool:
    """ajv-formats' ``regex``: ``new RegExp(value)`` succeeds. JavaScript's syntax is all it
    takes: a pattern that Python's engine cannot run (a lookbehind of variable width) is still
    one, and compiling it for Python would cost a CLI run of a document with many patterns a
    tenth of its time."""
    if _Z_ANCHOR(value):
        return False
    try:
        parse(value)
    except (RegexSyntaxError, RecursionError):
        return False
    return True


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


def _int32(value: Any) -> bool:
    return _is_integer(value) and -(2**31) <= value <= 2**31 - 1


def _always(_value: Any) -> bool:
    return True


_BYTE = _js(r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$", "m")

FORMATS: dict[str, tuple[str, Callable[[Any], bool]]] = {
    "date": ("string", _date),
    "time": ("string", _time),
    "date-time": ("string", _date_time),
    "duration": (
        "string",
        _js(r"^P(?!$)((\d+Y)?(\d+M)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?|(\d+W)?)$"),
    ),
    "uri": ("string", _uri),
    "uri-reference": ("string", _uri_reference),
    "uri-template": (
        "string",
        _js(
            r"^(?:(?:[^\x00-\x20\"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|"
            r"%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+"
            r"(?::[1-9][0-9]{0,3}|\*)?)*\})*$",
            "i",
        ),
    ),
    "url": (
        "string",
        _js(
            r"^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:(?!(?:10|127)(?:\.\d{1,3}){3})"
            r"(?!(?:169\.254|192\.168)(?:\.\d{1,3}){2})(?!172\.(?:1[6-9]|2\d|3[0-1])"
            r"(?:\.\d{1,3}){2})(?:[1-9]\d?|1\d\d|2[01]\d|22[0-3])(?:\.(?:1?\d{1,2}|2[0-4]\d|"
            r"25[0-5])){2}(?:\.(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4]))|(?:(?:[a-z0-9\u00a1-\uffff]+-)*"
            r"[a-z0-9\u00a1-\uffff]+)(?:\.(?:[a-z0-9\u00a1-\uffff]+-)*[a-z0-9\u00a1-\uffff]+)*"
            r"(?:\.(?:[a-z\u00a1-\uffff]{2,})))(?::\d{2,5})?(?:\/[^\s]*)?$",
            "iu",
        ),
    ),
    "email": (
        "string",
        _js(
            r"^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9]"
            r"(?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$",
            "i",
        ),
    ),
    "hostname": (
        "string",
        _js(
            r"^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9]"
            r"(?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$",
            "i",
        ),
    ),
    "ipv4": ("string", _js(rf"^(?:{_IPV4_PART}\.){{3}}{_IPV4_PART}$")),
    "ipv6": (
        "string",
        _js(
            r"^((([0-9a-f]{1,4}:){7}([0-9a-f]{1,4}|:))|(([0-9a-f]{1,4}:){6}(:[0-9a-f]{1,4}|"
            r"((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|"
            r"(([0-9a-f]{1,4}:){5}(((:[0-9a-f]{1,4}){1,2})|:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
            r"(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})|:))|(([0-9a-f]{1,4}:){4}(((:[0-9a-f]"
            r"{1,4}){1,3})|((:[0-9a-f]{1,4})?:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|"
            r"2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){3}(((:[0-9a-f]{1,4}){1,4})|"
            r"((:[0-9a-f]{1,4}){0,2}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|"
            r"1\d\d|[1-9]?\d)){3}))|:))|(([0-9a-f]{1,4}:){2}(((:[0-9a-f]{1,4}){1,5})|((:[0-9a-f]"
            r"{1,4}){0,3}:((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d))"
            r"{3}))|:))|(([0-9a-f]{1,4}:){1}(((:[0-9a-f]{1,4}){1,6})|((:[0-9a-f]{1,4}){0,4}:"
            r"((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:))|"
            r"(:(((:[0-9a-f]{1,4}){1,7})|((:[0-9a-f]{1,4}){0,5}:((25[0-5]|2[0-4]\d|1\d\d|"
            r"[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}))|:)))$",
            "i",
        ),
    ),
    "regex": ("string", _regex),
    "uuid": ("string", _js(r"^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$", "i")),
    "json-pointer": ("string", _js(r"^(?:\/(?:[^~/]|~0|~1)*)*$")),
    "json-pointer-uri-fragment": (
        "string",
        _js(r"^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$", "i"),
    ),
    "relative-json-pointer": ("string", _js(r"^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$")),
    "byte": ("string", _BYTE),
    "int32": ("number", _int32),
    "int64": ("number", _is_integer),
    "float": ("number", _always),
    "double": ("number", _always),
    "password": ("string", _always),
    "binary": ("string", _always),
}
# The formats whose check passes every value of their type (OpenAPI's names for number sizes
# and string uses).
ALWAYS_VALID = frozenset(name for name, (_kind, check) in FORMATS.items() if check is _always)
