"""Read an uploaded OpenAPI document (hostile input) into plain JSON values.

Checks the size before anything else, requires UTF-8, then hands JSON to
orjson and everything else to the guarded YAML 1.2 loader. Nothing here
touches the network: ``$ref``s are data like any other string.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from .errors import SpecError
from .jsonload import load_json

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_NODES",
    "LoadedDocument",
    "load_document",
]

DEFAULT_MAX_BYTES = 25 * 1024 * 1024
DEFAULT_MAX_DEPTH = 200
DEFAULT_MAX_NODES = 5_000_000

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (b"\xff\xfe", b"\xfe\xff")  # UTF-16, and UTF-32 LE whose BOM starts alike
_FIRST_NON_SPACE = re.compile(rb"[^ \t\r\n]")


class LoadedDocument:
    """A parsed document.

    ``data`` is the top-level JSON value (a dict for anything OpenAPI-like; kept
    general so that ``detect_format`` can explain other shapes); dict keys are
    strings and the whole value is JSON-serialisable. ``size`` is the byte size
    of the upload and ``sha256`` the hex digest of those bytes, computed when first
    asked for (the lint engine never asks). ``tape`` says where each node of a YAML
    document was written, when ``load_document`` was asked for positions (JSON needs
    none: its positions are found in the text directly).
    """

    __slots__ = ("_digest", "_source", "data", "size", "syntax", "tape")

    def __init__(
        self, data: Any, syntax: Literal["json", "yaml"], source: bytes, tape: Any = None
    ) -> None:
        self.data = data
        self.syntax = syntax
        self.size = len(source)
        self.tape = tape
        self._source: bytes | None = source
        self._digest: str | None = None

    @property
    def sha256(self) -> str:
        if self._digest is None:
            import hashlib  # noqa: PLC0415 - loading OpenSSL for it cost every lint 2 to 3 ms

            self._digest = hashlib.sha256(self._source or b"").hexdigest()
            self._source = None
        return self._digest

    def __repr__(self) -> str:
        return f"LoadedDocument({self.syntax}, {self.size:,} bytes)"


def load_document(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_nodes: int = DEFAULT_MAX_NODES,
    positions: bool = False,
) -> LoadedDocument:
    """Parse JSON or YAML bytes. Raises SpecError for anything it will not read.
    With ``positions``, a YAML document's ``tape`` is recorded as it loads.

    JSON is recognised by its first non-space character (``{`` or ``[``); any
    other text is read as YAML 1.2. Codes: "too-large", "empty",
    "invalid-encoding", "invalid-json", "invalid-yaml", "duplicate-key",
    "too-deep", "alias-bomb".
    """
    if len(data) > max_bytes:
        raise SpecError(
            "too-large",
            f"The document is {len(data):,} bytes; the limit is {max_bytes:,} bytes.",
        )
    text = _body(data)
    first = _FIRST_NON_SPACE.search(text)
    if first is None:  # blanks only, which are ASCII
        raise SpecError("empty", "The document is empty.")
    limits = {"max_depth": max_depth, "max_nodes": max_nodes}
    if text[first.start()] in b"{[":
        # orjson checks the encoding of all the text before it parses: the check below, which
        # words the error, runs only when orjson refused it (a copy of 3 MB saved).
        try:
            value = load_json(text, **limits)
        except SpecError:
            _check_utf8(text)
            raise
        return LoadedDocument(value, "json", data)
    _check_utf8(text)
    from .yamlload import load_yaml  # noqa: PLC0415 - the YAML loader for YAML documents only
    from .yamltape import Tape  # noqa: PLC0415

    tape = Tape() if positions else None
    value = load_yaml(text, **limits, tape=tape)
    return LoadedDocument(value, "yaml", data, tape)


def _body(data: bytes) -> bytes:
    """Return ``data`` without a UTF-8 BOM; refuse the BOMs of other encodings."""
    if data.startswith(_UTF8_BOM):
        return data[len(_UTF8_BOM) :]
    if data.startswith(_OTHER_BOMS):
        raise SpecError(
            "invalid-encoding",
            "The document is encoded as UTF-16 or UTF-32; please save it as UTF-8.",
            line=1,
        )
    return data


def _check_utf8(data: bytes) -> None:
    if data.isascii():  # the common case, checked at memory speed
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SpecError(
            "invalid-encoding",
            f"The document is not valid UTF-8 (line {line}); please save it as UTF-8.",
            line=line,
        ) from None
