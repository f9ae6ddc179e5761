"""Where each node of a YAML document was written: the record its loaders keep (yamlbuild.py's
Builder and _yamlbuild.c) and the linter reads ranges from (lint/yamlpositions.py). A module
of its own, so that reading a tape or loading through the compiled loader never imports PyYAML
(a tenth of a small lint).
"""

from __future__ import annotations

from array import array

__all__ = ["Tape"]


class Tape:
    """Where each node of a YAML document was written, recorded while it loads.

    One slot per node event, in document order: its kind in ``kinds`` and its start and end
    as character offsets (libyaml's marks) in ``marks``; the slot of each mapping key in
    ``key_slots`` (ascending) and its text in ``key_texts``; and the start and end slots of each
    container in ``closes`` (in the order they close), so that a reader skips a whole subtree
    in one step. This costs a tenth of a microsecond and about 15 bytes per event; a second
    pass over libyaml's events, which PyYAML hands to Python one object at a time, cost as
    much as the load.

    ``key_problems`` lists the plain keys that YAML reads as numbers or booleans (``200:``),
    which Spectral's parser refuses: (path of the key, "number" or "boolean", start, end).
    """

    SCALAR, BLOCK, ALIAS, MAPPING, SEQUENCE, END = range(6)  # BLOCK: a ``|`` or ``>`` scalar

    __slots__ = ("closes", "key_problems", "key_slots", "key_texts", "kinds", "marks")

    def __init__(self) -> None:
        self.kinds = bytearray()
        self.marks = array("I")  # start and end offset of each slot (documents are far below 4G)
        self.key_slots = array("I")
        self.key_texts: list[str] = []
        self.closes = array("I")
        self.key_problems: list[tuple[tuple[str | int, ...], str, int, int]] = []
