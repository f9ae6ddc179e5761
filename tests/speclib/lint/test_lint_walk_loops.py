"""The walk's compiled loop (``_walk.c``) finds what its Python loop, the reference, finds:
the same matches of every query, in the same order, on the raw and the resolved views of
real documents, with every ``given`` path of spectral:oas at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from speclib import load_document
from speclib.lint import builtin_ruleset
from speclib.lint.document import Document, Inventory
from speclib.lint.formats import detect_formats
from speclib.lint.jsonpath import Automaton, parse_path, walk

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


def test_the_compiled_loop_is_built():
    assert walk._native is not None, "`make sync` builds _walk.c (it needs a C compiler)"


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
    if walk._native is None:
        pytest.fail("`make sync` builds _walk.c (it needs a C compiler)")
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


def test_an_error_in_a_filter_check_leaves_the_compiled_loop_as_an_exception():
    automaton = Automaton([parse_path("$..[?(@.type == 'array')]")])

    def broken(*_args):
        raise RuntimeError("a broken filter")

    automaton._check = broken  # the loop calls the check it was given
    with pytest.raises(RuntimeError, match="a broken filter"):
        automaton.run({"a": [{"b": {"type": "array"}}]})
