"""The documents being linted: the root, the files its ``$ref``s reach, and the resolved view.

Resolution follows Spectral: a ``resolved`` rule sees the document with every ``$ref`` replaced
by its target (siblings of ``$ref`` dropped), and a finding on a resolved path is reported where
the referenced object is *defined*. The resolved view is built once, sharing every unchanged
subtree with the raw data and every target between its references; a reference that would
close a cycle is kept as the ``$ref`` object itself.

Relative file references are read from ``base_dir`` only (never above it); URLs are fetched
only from hosts named in ``allow_hosts``.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from ..errors import SpecError
from ..loading import load_document
from ..refs import pointer_tokens
from .jsonpath import Automaton, parse_path
from .refindex import ref_holders
from .types import JsonPath

try:
    from . import _resolve as _native  # built from _resolve.c at install (hatch_build.py)
except ImportError:  # no C compiler where it was installed: _ResolvedBuilder alone
    _native = None

__all__ = ["Document", "Inventory"]

_MAX_HOPS = 64
_REF_MEMBERS = parse_path("$..['$ref']")


class Document:
    """One parsed source: its text (for positions), data and syntax; for YAML, the tape its
    loader recorded (where each node was written)."""

    __slots__ = ("data", "source", "syntax", "tape", "text")

    def __init__(self, source: str, text: bytes, data: Any, syntax: str, tape: Any = None) -> None:
        self.source = source
        self.text = text
        self.data = data
        self.syntax = syntax  # "json" or "yaml"
        self.tape = tape

    def __repr__(self) -> str:
        return f"Document({self.source!r}, {self.syntax})"


class RefProblem(NamedTuple):
    """A ``$ref`` that does not resolve, at ``path`` of ``document``."""

    document: Document
    path: JsonPath
    message: str


class Inventory:
    """The root document and everything reachable through its references."""

    def __init__(
        self,
        root: Document,
        *,
        base_dir: Path | None = None,
        allow_hosts: frozenset[str] = frozenset(),
        max_bytes: int = 25 * 1024 * 1024,
    ) -> None:
        self.root = root
        self.base_dir = base_dir.resolve() if base_dir is not None else None
        self.allow_hosts = allow_hosts
        self.max_bytes = max_bytes
        self.documents: dict[str, Document] = {root.source: root}
        self.failures: dict[str, str] = {}  # source -> why it could not be read
        self._resolved: Any = _UNBUILT
        self._circular: set[str] = set()
        self._ref_index: dict[str, tuple[list[tuple[JsonPath, str]], set[int]]] = {}
        # (source, $ref) -> target: documents repeat the same references thousands of times
        self._targets: dict[tuple[str, str], tuple[Document, Any, JsonPath] | None] = {}
        self._follows: dict[tuple[str, str], tuple[Document, Any, JsonPath] | None] = {}

    # -- references -------------------------------------------------------------------------

    def refs_of(self, document: Document) -> list[tuple[JsonPath, str]]:
        """Every ``$ref`` of a document: (path of the object holding it, its value)."""
        return self._indexed(document)[0]

    def index_refs(self, document: Document, members: list[tuple[JsonPath, Any]]) -> None:
        """Index a document's ``$ref``s from the ``$ref`` members a walk of it found (the
        engine's walk of the raw document finds them at no extra cost)."""
        if document.source in self._ref_index:
            return
        found = [(path[:-1], ref) for path, ref in members if type(ref) is str]
        self._ref_index[document.source] = (found, ref_holders(document.data, found))

    def _indexed(self, document: Document) -> tuple[list[tuple[JsonPath, str]], set[int]]:
        index = self._ref_index.get(document.source)
        if index is None:
            # The walk the engine runs over a root document anyway, for the documents it does
            # not walk (files reached by references, and roots linted by resolved rules alone).
            self.index_refs(document, Automaton([_REF_MEMBERS]).run(document.data)[0])
            index = self._ref_index[document.source]
        return index

    def _split(self, document: Document, ref: str) -> tuple[str | None, str]:
        """(source of the target document or None when local, fragment)."""
        location, _, fragment = ref.partition("#")
        if location == "":
            return None, "#" + fragment
        if urlsplit(location).scheme in ("http", "https"):
            return location, "#" + fragment
        if urlsplit(document.source).scheme in ("http", "https"):
            return _url_join(document.source, location), "#" + fragment
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(document.source), location))
        return joined, "#" + fragment

    def _document(self, source: str) -> Document | None:
        if source in self.documents:
            return self.documents[source]
        if source in self.failures:
            return None
        try:
            text = self._read(source)
            loaded = load_document(text, max_bytes=self.max_bytes, positions=True)
        except (OSError, SpecError, ValueError) as exc:
            self.failures[source] = str(exc)
            return None
        document = Document(source, text, loaded.data, loaded.syntax, loaded.tape)
        self.documents[source] = document
        return document

    def _read(self, source: str) -> bytes:
        if urlsplit(source).scheme in ("http", "https"):
            host = urlsplit(source).hostname or ""
            if host not in self.allow_hosts:
                raise ValueError(f"remote reference to {source} not fetched (host not allowed)")
            return _fetch(source, self.max_bytes)
        if self.base_dir is None:
            raise ValueError(f"file reference to {source} not followed (no base directory)")
        root_dir = posixpath.dirname(self.root.source)
        relative = posixpath.relpath(source, root_dir or ".")
        path = (self.base_dir / unquote(relative)).resolve()
        if not path.is_relative_to(self.base_dir):
            raise ValueError(f"file reference {source} leaves the document's folder")
        if not path.is_file():
            raise FileNotFoundError(f"ENOENT: no such file or directory, open '{source}'")
        return path.read_bytes()

    def target(self, document: Document, ref: str) -> tuple[Document, Any, JsonPath] | None:
        """The value one ``$ref`` points at (no chain following): (document, value, path)."""
        key = (document.source, ref)
        if key in self._targets:
            return self._targets[key]
        found = self._targets[key] = self._find_target(document, ref)
        return found

    def _find_target(self, document: Document, ref: str) -> tuple[Document, Any, JsonPath] | None:
        source, fragment = self._split(document, ref)
        target_doc = document if source is None else self._document(source)
        if target_doc is None:
            return None
        tokens = pointer_tokens(fragment)
        if tokens is None:
            return None
        node: Any = target_doc.data
        path: list[str | int] = []
        for token in tokens:
            if isinstance(node, dict) and token in node:
                node = node[token]
                path.append(token)
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
                path.append(int(token))
            else:
                return None
        return target_doc, node, tuple(path)

    def follow(self, document: Document, node: Any) -> tuple[Document, Any, JsonPath] | None:
        """Follow a chain of references from ``node`` to a non-reference (None if it breaks).
        The chain from a reference depends on its text and its document only: it is followed
        once (EC2's description writes 29,000 references to a few thousand places)."""
        if type(node) is not dict or type(ref := node.get("$ref")) is not str:
            return None
        key = (document.source, ref)
        if key in self._follows:
            return self._follows[key]
        found = self._follows[key] = self._follow(document, node)
        return found

    def _follow(self, document: Document, node: Any) -> tuple[Document, Any, JsonPath] | None:
        seen: set[tuple[str, str]] = set()
        found: tuple[Document, Any, JsonPath] | None = None
        while type(node) is dict and type(ref := node.get("$ref")) is str:
            marker = (document.source, ref)
            if marker in seen or len(seen) > _MAX_HOPS:
                self._circular.add(ref)
                return None
            seen.add(marker)
            found = self.target(document, ref)
            if found is None:
                return None
            document, node, _ = found
        return found

    # The Resolver protocol that rule functions see.
    def resolve_ref(self, ref: str, *, base: JsonPath = ()) -> tuple[Any, JsonPath] | None:
        found = self.follow(self.root, {"$ref": ref})
        return None if found is None else (found[1], found[2])

    def is_circular(self, ref: str) -> bool:
        self.resolved  # noqa: B018 - building the view records the circular references
        return ref in self._circular

    # -- the resolved view ------------------------------------------------------------------

    @property
    def resolved(self) -> Any:
        if self._resolved is _UNBUILT:
            self._resolved = self.build_resolved()
        return self._resolved

    def build_resolved(self, *, python: bool = False) -> Any:
        """The resolved view, built by _resolve.c where it was compiled, unless ``python`` asks
        for _ResolvedBuilder, the reference."""
        if _native is None or python:
            return _ResolvedBuilder(self).build(self.root)
        return _native.resolve(self.root, self.follow, self._holders_of, self._circular)

    def _holders_of(self, document: Document) -> set[int]:
        return self._indexed(document)[1]

    # -- mapping paths back to sources -------------------------------------------------------

    def locate(self, path: JsonPath, *, resolved: bool) -> tuple[Document, JsonPath, JsonPath]:
        """Where a finding's path is defined: (document, closest existing path, full path).

        For resolved rules, every ``$ref`` met along the path is followed into its target, so
        the result names the place of the definition (Spectral's findAssociatedItemForPath).
        The third item is the path with its missing tail kept (for ``{{property}}``).
        """
        document, node = self.root, self.root.data
        mapped: list[str | int] = []
        follow = self.follow
        # Written out, without a call per step: a finding's path has a dozen segments or
        # more, and two calls per segment were most of placing a finding. Each step first
        # follows a $ref the node is (resolved rules), the last one after the last segment.
        for index in range(len(path) + 1):
            if resolved and type(node) is dict and type(node.get("$ref")) is str:
                found = follow(document, node)
                if found is not None:
                    document, node, mapped = found[0], found[1], list(found[2])
            if index == len(path):
                break
            segment = path[index]
            if type(node) is dict:
                key: str | int = segment if type(segment) is str else str(segment)
                if key not in node:
                    return document, tuple(mapped), (*mapped, *path[index:])
            elif type(node) is list and str(segment).isdigit() and int(segment) < len(node):
                key = int(segment)
            else:
                return document, tuple(mapped), (*mapped, *path[index:])
            mapped.append(key)
            node = node[key]
        return document, tuple(mapped), tuple(mapped)

    def ref_problems(self) -> list[RefProblem]:
        """Every ``$ref`` of every document read so far that does not resolve."""
        problems: list[RefProblem] = []
        for document in list(self.documents.values()):
            # follow's answer depends on the document and the text only (it is remembered):
            # asked once per text, where documents repeat the same references thousands of times
            broken: dict[str, bool] = {}
            for path, ref in self.refs_of(document):
                fails = broken.get(ref)
                if fails is None:
                    fails = broken[ref] = self.follow(document, {"$ref": ref}) is None
                if fails and ref not in self._circular:
                    problems.append(RefProblem(document, (*path, "$ref"), self._why(document, ref)))
        return problems

    def _why(self, document: Document, ref: str) -> str:
        source, fragment = self._split(document, ref)
        if source is not None and source in self.failures:
            return self.failures[source]
        return f"'{fragment if source is None else ref}' does not exist"


_UNBUILT: Any = object()


def _url_join(base: str, location: str) -> str:
    from urllib.parse import urljoin

    return urljoin(base, location)


def _fetch(url: str, max_bytes: int) -> bytes:  # pragma: no cover - never reached in tests
    from urllib.request import urlopen

    with urlopen(url, timeout=10) as response:  # noqa: S310 - host checked against the allow-list
        body = response.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise ValueError(f"{url} is larger than {max_bytes:,} bytes")
    return body


class _Frame:
    """A container being resolved: its members, the next one to look at, and its copy, made
    at the first member whose resolved value differs (most members are left as they are)."""

    __slots__ = ("document", "holders", "index", "items", "node", "out")

    def __init__(self, document: Document, node: Any, holders: set[int]) -> None:
        self.document = document
        self.holders = holders  # the document's containers with a $ref at or below them
        self.node = node
        self.items = list(node.items()) if type(node) is dict else list(enumerate(node))
        self.index = 0
        self.out: Any = None

    def put(self, value: Any) -> None:
        key, raw = self.items[self.index]
        if value is not raw:
            if self.out is None:
                self.out = dict(self.node) if type(self.node) is dict else list(self.node)
            self.out[key] = value
        self.index += 1

    def result(self) -> Any:
        return self.node if self.out is None else self.out


class _ResolvedBuilder:
    """Builds the resolved view iteratively (documents can be deeper than Python's stack)."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.memo: dict[int, Any] = {}
        self.active: set[int] = set()
        self.pending: list[_Frame] = []

    def build(self, root: Document) -> Any:
        value = self.enter(root, root.data)
        if value is not _PENDING:
            return value
        while True:
            frame = self.pending[-1]
            items, holders = frame.items, frame.holders
            index, end = frame.index, len(items)
            while index < end:
                child = items[index][1]
                kind = type(child)
                # Most members resolve to themselves: scalars, and containers with no $ref at
                # or below them (what ``enter`` would find, without the call).
                if (kind is dict or kind is list) and id(child) in holders:
                    break
                index += 1
            frame.index = index
            if index < end:
                value = self.enter(frame.document, items[index][1])
                if value is not _PENDING:
                    frame.put(value)
                continue
            self.pending.pop()
            self.active.discard(id(frame.node))
            result = frame.result()
            self.memo[id(frame.node)] = result
            if not self.pending:
                return result
            self.pending[-1].put(result)

    def enter(self, document: Document, node: Any) -> Any:
        """The resolved value of ``node`` if known now, else _PENDING (a frame was pushed)."""
        if type(node) is dict and type(ref := node.get("$ref")) is str:
            found = self.inventory.follow(document, node)
            if found is None:
                return node
            document, target, _ = found
            if id(target) in self.active:
                self.inventory._circular.add(ref)
                return node
            node = target
        if type(node) is not dict and type(node) is not list:
            return node
        holders = self.inventory._indexed(document)[1]
        if id(node) not in holders:
            return node  # no $ref below: the resolved value is the node itself
        known = self.memo.get(id(node))
        if known is not None:
            return known
        if id(node) in self.active:
            return node
        self.active.add(id(node))
        self.pending.append(_Frame(document, node, holders))
        return _PENDING


_PENDING: Any = object()
