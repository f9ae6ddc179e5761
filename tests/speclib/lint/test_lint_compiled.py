"""The engine's compiled modules do what their Python references do.

The walk's compiled loop (``_walk.c``) finds what its Python loop finds: the same matches of
every query, in the same order, on the raw and the resolved views of real documents, with
every ``given`` path of spectral:oas at once. The compiled JSON ranges (``_positions.c``) are
the ranges positions.py's reading of the decoded text gives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speclib import load_document
from speclib.lint import builtin_ruleset, positions
from speclib.lint.document import Document, Inventory
from speclib.lint.formats import detect_formats
from speclib.lint.jsonpath import Automaton, parse_path, walk

from ..samples import require_compiled

# Besides spectral:oas's paths: one with a filter that reads the path, one with a union of
# indices (arrays' positions), and the key and parent selectors.
EXTRA = ("$..[?(@path.length > 3 && @.type)]", "$..parameters[0,-1]", "$.paths[*]~", "$..enum^")


def _given(formats: frozenset[str], resolved: bool) -> list[str]:
    rules = builtin_ruleset("spectral:oas:all").rules.values()
    chosen = [rule for rule in rules if rule.matches_format(formats) and rule.resolved is resolved]
    texts = [text for rule in chosen for text in rule.given_for(formats)]
    return list(dict.fromkeys([*texts, "$..['$ref']", *EXTRA]))


def _walked(automaton: Automaton, document: object, *, dedupe: bool, python: bool) -> list:
    return [
        [(path, id(value) if isinstance(value, dict | list) else value) for path, value in found]
        for found in automaton.run(document, dedupe=dedupe, python=python)
    ]


@pytest.mark.parametrize(
    "name",
    [
        "twilio/twilio_api_v2010.yaml",
        "go-swagger/eve-online-esi.json",
        "sendgrid/oai_v3_stoplight.json",
        "oai/v3.0_callback-example.json",
        "oai/v2.0_yaml_uber.yaml",
    ],
)
def test_both_loops_find_the_same_on_real_documents(corpus: Path, name: str):
    require_compiled(walk._native is not None, "_walk.c")
    text = (corpus / "specs" / name).read_bytes()
    loaded = load_document(text)
    inventory = Inventory(Document(name, text, loaded.data, loaded.syntax))
    formats = detect_formats(loaded.data)
    for resolved in (False, True):
        document = inventory.resolved if resolved else loaded.data
        automaton = Automaton([parse_path(text) for text in _given(formats, resolved)])
        compiled = _walked(automaton, document, dedupe=resolved, python=False)
        assert compiled == _walked(automaton, document, dedupe=resolved, python=True)
        assert any(compiled)


def test_an_error_in_a_filter_leaves_the_compiled_loop_as_an_exception(monkeypatch):
    require_compiled(walk._native is not None, "_walk.c")
    query = parse_path("$..[?(@.type == 'array')]")
    automaton = Automaton([query])

    def broken(*_args):
        raise RuntimeError("a broken filter")

    monkeypatch.setattr(query.steps[-1].filter, "test", broken)
    with pytest.raises(RuntimeError, match="a broken filter"):
        automaton.run({"a": [{"b": {"type": "array"}}]})


def _all_paths(value: object, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(value, dict | list):
        for key, child in value.items() if isinstance(value, dict) else enumerate(value):
            found += _all_paths(child, (*path, key))
    return found


_COMPILED_RANGES = positions.json_ranges is not positions._json_ranges


@pytest.mark.parametrize("name", ["twilio/twilio_api_v2010.json", "apisguru/zoom.us.json"])
def test_the_compiled_ranges_are_the_reference_ranges_on_real_documents(corpus: Path, name):
    require_compiled(_COMPILED_RANGES, "_positions.c")
    text = (corpus / "specs" / name).read_bytes()
    paths = _all_paths(load_document(text).data)
    compiled = positions.json_ranges(text, paths)
    assert compiled == positions._json_ranges(text, paths)
    assert len(compiled) == len(paths) > 30_000


@pytest.mark.parametrize(
    "text",
    [
        # a BOM, escapes in keys, characters of two and three bytes, astral ones (two UTF-16
        # units), strings that hold brackets, quotes and backslashes
        '\ufeff{"a": {"b\\u00e9": [1, "\U0001f600x", {"c": []}], "d": {}}, "\\"q": "\U0001f600"}',
        '{\r\n  "a" : [ \r\n {\r\n "x":1 } ,\r\n [ ] ],\r\n "\u00e9\\n": "\u00fc\u20ac"\r\n}',
        '{"a": ["}", {"b": "]"}], "c": "a\\\\", "d": "\\"", "e": -1.5e3, "f": true}',
        '["a",{"b":{"c":[[[]]]}}, null, [{}], 0]',
        "[]",
        "{}",
        "7",
    ],
)
def test_the_compiled_ranges_are_the_reference_ranges_on_every_kind_of_value(text: str):
    require_compiled(_COMPILED_RANGES, "_positions.c")
    data = text.encode()
    paths = _all_paths(json.loads(text.removeprefix("\ufeff")))
    assert positions.json_ranges(data, paths) == positions._json_ranges(data, paths)
    some = paths[::3]  # only some wanted: the others are skipped
    assert positions.json_ranges(data, some) == positions._json_ranges(data, some)


def test_a_root_of_another_type_is_left_to_the_python_loop():
    # The compiled loop reads plain dicts and lists only (as the documents are); anything else
    # gets walk.py's answer, whatever it is, rather than a misread of its memory.
    class Items(list):
        pass

    document = Items([{"type": "array"}, {"type": "string"}])
    automaton = Automaton([parse_path("$..[?(@.type == 'array')]")])
    assert (
        automaton.run(document) == automaton.run(document, python=True) == [[((0,), document[0])]]
    )
