"""Turn a YAML event stream into JSON values with an explicit stack (no recursion).

The Builder enforces every structural limit *before* attaching a node:
depth, total node count with aliases expanded (an alias costs the full size
of its anchor, so a "billion laughs" document is refused after a few hundred
events without ever being expanded), duplicate keys and non-scalar keys.
Aliases share the anchored Python object instead of copying it.

Asked to, it also records a ``Tape``: where every node was written, so that a linter can place
its findings without parsing the text a second time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from .errors import SpecError
from .verbatim import VERBATIM_PATHS
from .yamlscalars import resolve_plain
from .yamltape import Tape

__all__ = ["Builder", "Tape"]

_VERBATIM_DEPTH = max(len(path) for path in VERBATIM_PATHS)
_STRING_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})
_NO_KEY: Any = object()  # the open mapping waits for a key
_MERGE_KEY: Any = object()  # the pending key is the YAML merge key ``<<``
_NOTHING: Any = object()  # no document node seen yet


_BLOCK_STYLES = frozenset("|>")
# Plain keys that may resolve to something other than a string start with one of these.
_MAYBE_NOT_TEXT = frozenset("-+.0123456789tTfF")


class _Anchor(NamedTuple):
    value: Any
    size: int  # how many nodes an alias to it stands for
    text: str | None  # source text when the anchored node is a scalar


class _Frame:
    """An open mapping or sequence."""

    __slots__ = ("anchor", "is_map", "key", "merges", "slot", "start", "value")

    def __init__(self, value: Any, is_map: bool, start: int, anchor: str | None) -> None:
        self.value = value
        self.is_map = is_map
        self.start = start  # node count before this node: its size is count - start
        self.anchor = anchor
        self.key: Any = _NO_KEY if is_map else None
        self.merges: list[dict[str, Any]] | None = None
        self.slot = -1  # its start slot on the tape, when one is recorded


def _slot_key(frame: _Frame) -> str | int:
    """The key (or index) under which the frame's node being read will be attached."""
    if not frame.is_map:
        return len(frame.value)
    return "<<" if frame.key is _MERGE_KEY else frame.key


def _line(event: Event) -> int:
    return event.start_mark.line + 1


class Builder:
    """Consumes events of one YAML stream; ``run`` returns the single document's value."""

    def __init__(self, max_depth: int, max_nodes: int, tape: Tape | None = None) -> None:
        self.tape = tape
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self.count = 0  # nodes so far, aliases counted at their expanded size
        self.aliased = 0  # the part of ``count`` that comes from aliases
        self.documents = 0
        self.root: Any = _NOTHING
        self.root_text: str | None = None

    def run(self, next_event: Callable[[], Event]) -> Any:
        """Pull events until the end of the stream; raises SpecError on any violation."""
        handlers: dict[type, Callable[[Any], None]] = {
            ScalarEvent: self._scalar,
            MappingStartEvent: self._start_mapping,
            SequenceStartEvent: self._start_sequence,
            MappingEndEvent: self._end,
            SequenceEndEvent: self._end,
            AliasEvent: self._alias,
            DocumentStartEvent: self._document,
        }
        while True:
            event = next_event()
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
            elif type(event) is StreamEndEvent:
                break
        if self.root is _NOTHING or (self.root is None and self.root_text == ""):
            raise SpecError("empty", "The document is empty: it contains no YAML content.")
        return self.root

    def _document(self, event: DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            line = _line(event)
            raise SpecError(
                "invalid-yaml",
                f"A second YAML document starts on line {line}; an OpenAPI description "
                "must be a single document.",
                line=line,
            )

    def _grow(self, nodes: int, event: Event) -> None:
        """Account for ``nodes`` more nodes and stop as soon as the budget is exceeded."""
        self.count += nodes
        if self.count <= self.max_nodes:
            return
        line = _line(event)
        if self.count - self.aliased <= self.max_nodes:
            raise SpecError(
                "alias-bomb",
                f"YAML aliases in this document expand to more than {self.max_nodes:,} "
                f"nodes (line {line}); it looks like an alias bomb.",
                line=line,
            )
        raise SpecError(
            "too-large", f"The document has more than {self.max_nodes:,} nodes.", line=line
        )

    def _scalar(self, event: ScalarEvent) -> None:
        self._grow(1, event)
        text = event.value
        plain = not event.style  # "" from LibYAML, None from the pure-Python parser
        tape = self.tape
        if tape is not None:  # inline, as below: this runs for every event
            tape.kinds.append(Tape.BLOCK if event.style in _BLOCK_STYLES else Tape.SCALAR)
            tape.marks.append(event.start_mark.index)
            tape.marks.append(event.end_mark.index)
        value: Any = text
        if plain and event.tag not in _STRING_TAGS and not self._verbatim():
            value = resolve_plain(text)
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, 1, text)
        self._place(value, text, event, merge_key=plain and text == "<<" and event.tag is None)

    def _alias(self, event: AliasEvent) -> None:
        anchor = self.anchors.get(event.anchor)
        if anchor is None:
            line = _line(event)
            raise SpecError(
                "invalid-yaml",
                f"The alias *{event.anchor} on line {line} does not refer to a complete "
                "node defined before it.",
                line=line,
            )
        self.aliased += anchor.size
        self._grow(anchor.size, event)
        tape = self.tape
        if tape is not None:
            tape.kinds.append(Tape.ALIAS)
            tape.marks.append(event.start_mark.index)
            tape.marks.append(event.end_mark.index)
        value = anchor.value
        if anchor.text is not None and self._verbatim():
            value = anchor.text
        self._place(value, anchor.text, event)

    def _start_mapping(self, event: MappingStartEvent) -> None:
        self._open(event, {}, is_map=True)

    def _start_sequence(self, event: SequenceStartEvent) -> None:
        self._open(event, [], is_map=False)

    def _open(self, event: Event, container: Any, *, is_map: bool) -> None:
        self._grow(1, event)
        stack = self.stack
        if len(stack) >= self.max_depth:
            line = _line(event)
            raise SpecError(
                "too-deep",
                f"The document is nested more than {self.max_depth} levels deep (line {line}).",
                line=line,
            )
        if stack and stack[-1].key is _NO_KEY:
            self._complex_key(event)
        frame = _Frame(container, is_map, self.count - 1, event.anchor)
        stack.append(frame)
        tape = self.tape
        if tape is not None:
            frame.slot = len(tape.kinds)
            tape.kinds.append(Tape.MAPPING if is_map else Tape.SEQUENCE)
            tape.marks.append(event.start_mark.index)
            tape.marks.append(event.end_mark.index)

    def _end(self, event: Event) -> None:
        frame = self.stack.pop()
        tape = self.tape
        if tape is not None:
            tape.closes.append(frame.slot)
            tape.closes.append(len(tape.kinds))
            tape.kinds.append(Tape.END)
            tape.marks.append(event.start_mark.index)
            tape.marks.append(event.end_mark.index)
        if frame.merges:
            for source in frame.merges:  # explicit keys win, then earlier merges
                for key, value in source.items():
                    frame.value.setdefault(key, value)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = _Anchor(frame.value, self.count - frame.start, None)
        self._place(frame.value, None, event)

    def _verbatim(self) -> bool:
        """Whether the next value lands on one of VERBATIM_PATHS."""
        stack = self.stack
        if not stack or len(stack) > _VERBATIM_DEPTH:
            return False
        key = stack[-1].key
        if key is _NO_KEY or key is _MERGE_KEY or key is None:
            return False
        return tuple(frame.key for frame in stack) in VERBATIM_PATHS

    def _place(self, value: Any, text: str | None, event: Event, merge_key: bool = False) -> None:
        """Attach a finished node to the open container (as key or value) or make it the root."""
        if not self.stack:
            self.root, self.root_text = value, text
            return
        top = self.stack[-1]
        if not top.is_map:
            top.value.append(value)
        elif top.key is _NO_KEY:
            self._take_key(top, text, event, merge_key)
        elif top.key is _MERGE_KEY:
            self._take_merge(top, value, event)
        else:
            top.value[top.key] = value
            top.key = _NO_KEY

    def _take_key(self, top: _Frame, text: str | None, event: Event, merge_key: bool) -> None:
        if text is None:
            self._complex_key(event)
        if self.tape is not None:
            self._record_key(text, event)
        if merge_key:
            top.key = _MERGE_KEY
            return
        if text in top.value:
            line = _line(event)
            raise SpecError(
                "duplicate-key",
                f'The key "{text}" appears twice in the same mapping (line {line}); '
                "one of the two values would be silently lost.",
                line=line,
            )
        top.key = text  # the source text: ``200:`` gives "200", as in JSON

    def _record_key(self, text: str, event: Event) -> None:
        """Name the key's slot on the tape; note it if YAML reads it as a number or boolean."""
        tape = self.tape
        tape.key_slots.append(len(tape.kinds) - 1)
        tape.key_texts.append(text)
        if text[:1] not in _MAYBE_NOT_TEXT or type(event) is not ScalarEvent:
            return
        if event.style or event.tag is not None:
            return  # quoted or tagged: a string
        value = resolve_plain(text)
        if isinstance(value, str) or value is None:
            return
        path = (*(_slot_key(frame) for frame in self.stack[:-1]), text)
        kind = "boolean" if isinstance(value, bool) else "number"
        tape.key_problems.append((path, kind, event.start_mark.index, event.end_mark.index))

    def _take_merge(self, top: _Frame, value: Any, event: Event) -> None:
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            line = _line(event)
            raise SpecError(
                "invalid-yaml",
                f"A merge key (<<) must be given a mapping or a list of mappings (line {line}).",
                line=line,
            )
        if top.merges is None:
            top.merges = []
        top.merges.extend(sources)
        top.key = _NO_KEY

    def _complex_key(self, event: Event) -> None:
        line = _line(event)
        raise SpecError(
            "invalid-yaml",
            f"A mapping key on line {line} is itself a mapping or a list; "
            "only text keys can be represented in JSON.",
            line=line,
        )
