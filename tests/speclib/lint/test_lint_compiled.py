"""The engine's compiled modules do what their Python references do.

The walk's compiled loop (``_walk.c``) finds what its Python loop finds: the same matches of
every query, in the same order, on the raw and the resolved views of real documents, with
every ``given`` path of spectral:oas at once. The compiled JSON ranges (``_positions.c``) are
the ranges positions.py's reading of the decoded text gives. The compiled resolved view
(``_resolve.c``) is _ResolvedBuilder's: the same values, shared and copied alike, with the same
references found circular.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from speclib import load_document
from speclib.lint import builtin_ruleset, positions, refindex, yamlpositions
from speclib.lint import document as document_module
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
        # long runs of characters of one to four bytes (read eight bytes at a time)
        '{"\u00e9t\u00e9": "' + "\u00e9\u20ac\U0001f600 ascii text " * 9 + '", "b": [1, {"c": 2}]}',
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


@pytest.mark.parametrize(
    "data",
    [
        b"a: 1\nb:\n  - x\n",
        b"\xef\xbb\xbfa: 1\r\nb: 2\r\n\r\n",  # a BOM; CR LF is one break
        b"a: 1\rb: 2\n\rc",  # CR alone, then LF and CR as two breaks
        "a: \u00e9\u20ac\U0001f600\nb: x\u0085c: y\u2028d\u2029e".encode(),  # NEL, LS, PS
        "\u00e9\n".encode() * 300,  # beyond the first buffer's 1,024 lines
        b"",
        b"no break at all",
    ],
)
def test_the_compiled_line_starts_are_the_reference_ones(data: bytes):
    require_compiled(yamlpositions._line_starts is not None, "_positions.c")
    text = data.decode().removeprefix("\ufeff")
    compiled = memoryview(yamlpositions._line_starts(data)).cast("I").tolist()
    assert compiled == yamlpositions._Text.line_starts(text)


def test_the_compiled_line_starts_are_the_reference_ones_on_long_lines():
    # ASCII runs of every length around the eight bytes read at a time, with each kind of
    # break and multibyte characters at every alignment
    require_compiled(yamlpositions._line_starts is not None, "_positions.c")
    rng = random.Random(11)
    pieces = ["\n", "\r", "\r\n", "\u00e9", "\u20ac", "\U0001f600", "\u0085", "\u2028", "\t"]
    for _ in range(300):
        text = "".join(
            "x" * rng.randrange(20) + rng.choice(pieces) for _ in range(rng.randrange(1, 12))
        )
        data = text.encode()
        compiled = memoryview(yamlpositions._line_starts(data)).cast("I").tolist()
        assert compiled == yamlpositions._Text.line_starts(text), text


@pytest.mark.parametrize(
    "data",
    [b"a: \xff\n", b"\xc3(", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x80"],
)
def test_text_that_is_not_utf8_is_left_to_python_to_decode(data: bytes):
    # (an invalid byte, a lead byte without its follower, an overlong form, a surrogate, a
    # code point beyond U+10FFFF, a sequence cut short)
    require_compiled(yamlpositions._line_starts is not None, "_positions.c")
    assert yamlpositions._line_starts(data) is None


def test_a_yaml_documents_ranges_are_the_same_with_the_python_line_starts(corpus, monkeypatch):
    require_compiled(yamlpositions._line_starts is not None, "_positions.c")
    data = (corpus / "specs" / "plaid" / "2020-09-14.yaml").read_bytes()  # not all ASCII
    tape = load_document(data, positions=True).tape
    paths = _all_paths(load_document(data).data)[::3]
    compiled = yamlpositions.tape_ranges(tape, data, paths)
    monkeypatch.setattr(yamlpositions, "_line_starts", None)
    assert yamlpositions.tape_ranges(tape, data, paths) == compiled
    assert len(compiled[0]) == len(paths) > 20_000


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


# -- the resolved view (_resolve.c) -----------------------------------------------------------


def _shape(value: object, raw: set[int], seen: dict[int, int]) -> object:
    """The view as plain data, with its sharing: each container is numbered the first time it
    appears, later appearances name that number, and raw containers (shared with a document)
    are told from copies."""
    if not isinstance(value, dict | list):
        return value
    if id(value) in seen:
        return ("again", seen[id(value)])
    seen[id(value)] = len(seen)
    kind = "raw" if id(value) in raw else "copy"
    if isinstance(value, dict):
        return (kind, [(key, _shape(child, raw, seen)) for key, child in value.items()])
    return (kind, [_shape(child, raw, seen) for child in value])


def _containers(value: object, found: set[int]) -> set[int]:
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict | list) and id(node) not in found:
            found.add(id(node))
            stack.extend(node.values() if isinstance(node, dict) else node)
    return found


def _views(path: Path) -> list[tuple]:
    """(shape, circular references, raw root kept) of both builders' views of one document."""
    text = path.read_bytes()
    loaded = load_document(text, positions=True)
    outcomes = []
    for python in (False, True):
        inventory = Inventory(
            Document(path.name, text, loaded.data, loaded.syntax), base_dir=path.parent
        )
        view = inventory.build_resolved(python=python)
        raw: set[int] = set()
        for document in inventory.documents.values():
            _containers(document.data, raw)
        outcomes.append((_shape(view, raw, {}), sorted(inventory._circular), view is loaded.data))
    return outcomes


@pytest.mark.parametrize(
    "name",
    [
        "apisguru/amazonaws.com_ec2.json",  # 29,000 references to a few thousand places
        "twilio/twilio_api_v2010.yaml",
        "go-swagger/eve-online-esi.json",
        "oai/v2.0_petstore-separate/spec/swagger.yaml",  # references into other files
    ],
)
def test_both_builders_give_the_same_resolved_view_of_real_documents(corpus: Path, name: str):
    require_compiled(document_module._native is not None, "_resolve.c")
    compiled, python = _views(corpus / "specs" / name)
    assert compiled == python
    assert compiled[0][0] == "copy"  # references were replaced below the root


BUNDLE = {
    "root.yaml": """
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses:
        '200': {$ref: 'common.yaml#/components/responses/Ok'}
        '404': {$ref: '#/components/responses/Gone'}
components:
  responses:
    Gone: {description: gone, content: {a/b: {schema: {$ref: '#/components/schemas/Node'}}}}
  schemas:
    Node:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Node'}
        leaf: {$ref: 'common.yaml#/components/schemas/Leaf'}
        list: {type: array, items: [{$ref: '#/components/schemas/Leaf2'}, {type: string}]}
    Leaf2: {type: integer}
    Missing: {$ref: '#/components/schemas/Nope'}
    Elsewhere: {$ref: 'absent.yaml#/x'}
    Loop1: {$ref: '#/components/schemas/Loop2'}
    Loop2: {$ref: '#/components/schemas/Loop1'}
    Scalar: {$ref: '#/info/title'}
""",
    "common.yaml": """
components:
  responses:
    Ok: {description: ok, content: {a/b: {schema: {$ref: 'root.yaml#/components/schemas/Node'}}}}
  schemas:
    Leaf: {type: object, properties: {back: {$ref: '#/components/responses/Ok'}}}
""",
}


def test_both_builders_agree_on_cycles_across_files_and_broken_references(tmp_path: Path):
    require_compiled(document_module._native is not None, "_resolve.c")
    for name, text in BUNDLE.items():
        (tmp_path / name).write_text(text)
    compiled, python = _views(tmp_path / "root.yaml")
    assert compiled == python
    assert compiled[1]  # some references close a cycle, and both builders name the same


def _refs(node: object, path: tuple = ()) -> list[tuple[tuple, str]]:
    """Every $ref member with a string value: (path of its object, value), found the plain way."""
    found = []
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            found.append((path, node["$ref"]))
        for key, child in node.items():
            found += _refs(child, (*path, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _refs(child, (*path, index))
    return found


def _holders(data: object, found: list) -> set[int]:
    """The ids of the containers from the root down to each $ref's object, the plain way."""
    holders = set()
    for path, _ in found:
        node = data
        holders.add(id(node))
        for segment in path:
            node = node[segment]  # type: ignore[index]
            holders.add(id(node))
    return holders


def test_the_compiled_index_of_reference_holders_is_the_python_one(corpus: Path):
    require_compiled(refindex.ref_holders is not refindex._ref_holders, "_resolve.c")
    for name in ("apisguru/amazonaws.com_ec2.json", "twilio/twilio_api_v2010.json"):
        data = load_document((corpus / "specs" / name).read_bytes()).data
        # what the inventory indexes a document it has not walked with
        inventory = Inventory(Document(name, b"", data, "json"))
        found, holders = inventory._indexed(inventory.root)
        assert len(found) == len(set(found)) and set(found) == set(_refs(data))
        assert holders == refindex._ref_holders(data, found) == _holders(data, found)
        assert refindex.ref_holders(data, found) == holders
        assert len(holders) > 1_000
    assert refindex.ref_holders({"a": 1}, []) == refindex._ref_holders({"a": 1}, []) == set()


def test_an_error_while_following_a_reference_leaves_the_compiled_builder_as_an_exception():
    require_compiled(document_module._native is not None, "_resolve.c")
    data = {"a": {"$ref": "#/b"}, "b": {"c": 1}}
    inventory = Inventory(Document("x.json", b"{}", data, "json"))

    def broken(*_args):
        raise RuntimeError("a broken resolver")

    inventory.follow = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="a broken resolver"):
        inventory.build_resolved()


def test_the_compiled_parents_are_the_python_ones(corpus: Path):
    from speclib.lint.functions import oas_misc

    require_compiled(oas_misc.parents is not oas_misc._parents, "_resolve.c")
    document = {"a": {"b": [{"c": 1}, "text"], "": {"d": None}}, "e": 2}
    paths = [
        (),
        ("a",),
        ("a", "b", 0, "c"),
        ("a", "b", 1, "x"),  # a scalar on the way
        ("a", "b", 5, "c"),  # no such index
        ("a", "b", -1, "z"),
        ("a", "b", "0", "c"),  # a key where an index is wanted
        ("a", "", "d"),
        ("nowhere", "x"),
        ("e", "x", "y"),
    ]
    assert oas_misc.parents(document, paths) == oas_misc._parents(document, paths)
    data = load_document((corpus / "specs" / "apisguru/amazonaws.com_ec2.json").read_bytes()).data
    paths = [(*path, "$ref") for path, _ in _refs(data)]
    compiled = oas_misc.parents(data, paths)
    assert len(compiled) > 10_000
    assert all(a is b for a, b in zip(compiled, oas_misc._parents(data, paths), strict=True))


@pytest.mark.parametrize(
    "expression",
    [
        "@ && @.schema && (@.example !== void 0 || @.examples)",  # oas3-valid-media-example
        "@property !== 'properties' && @ && (@ && @.example !== void 0 || @.default !== void 0)"
        " && (@.enum || @.type || @.format || @.$ref || @.properties || @.items)",
        "@.a || @.b || (@.c && @.example !== undefined)",
    ],
)
def test_the_alternatives_the_compiled_loop_evaluates_itself_match_as_their_tests(expression):
    # Alternatives (||) of conjunctions, and members that are not undefined, are evaluated in
    # _walk.c too: objects with members of every kind, or none, are judged as the test judges.
    query = parse_path(f"$..[?({expression})]")
    assert query.steps[-1].filter.conditions is not None
    rng = random.Random(5)
    values = ["", "a", 0, 1, 0.5, float("nan"), True, False, None, [], [0], {}, {"a": 1}]
    members = ("schema", "example", "examples", "default", "enum", "type", "a", "b", "c", "$ref")
    document: dict = {"properties": {"schema": {}, "example": 1, "type": "x"}}
    for index in range(600):
        chosen = rng.sample(members, rng.randrange(len(members)))
        document[f"n{index}"] = {name: rng.choice(values) for name in chosen}
    document["list"] = [{"schema": 1, "example": None}, "text", None, [{"a": 1}]]
    automaton = Automaton([query])
    compiled = _walked(automaton, document, dedupe=False, python=False)
    assert compiled == _walked(automaton, document, dedupe=False, python=True)
    assert 0 < len(compiled[0]) < len(document)


@pytest.mark.parametrize(
    "expression",
    [
        "@ && @.in",
        "@ && @.enum && @.type",
        "@property !== 'properties' && @ != null && @.enum && @.enum.constructor.name === 'Array'",
        "@.x && @.y",
        "@property === '$ref'",  # on nodes of every kind: it reads the key only
        "@property === 'items' && @",
    ],
)
def test_the_filters_the_compiled_loop_evaluates_itself_match_as_their_tests(expression):
    # Conjunctions of simple conditions are evaluated in _walk.c on objects, without calling
    # the filter's test: every kind of member value must be judged as the test judges it.
    query = parse_path(f"$..[?({expression})]")
    assert query.steps[-1].filter.conditions is not None
    values = ["", "a", 0, 1, 0.0, -0.5, float("nan"), True, False, None, [], [0], {}, {"a": 1}]
    members = ("in", "enum", "type", "x", "y")
    document = {
        "properties": {"enum": [1], "type": "string", "in": "q", "x": 1, "y": 1},
        "items": [{"enum": [1], "type": "t"}, "text", 5, None, [{"in": 0}], {"$ref": "#/a"}],
        "$ref": {"$ref": "#/b", "items": []},
        **{
            f"{name}-{index}": {name: value, **{other: 1 for other in members if other != name}}
            for name in members
            for index, value in enumerate(values)
        },
    }
    automaton = Automaton([query])
    compiled = _walked(automaton, document, dedupe=False, python=False)
    assert compiled == _walked(automaton, document, dedupe=False, python=True)
    assert 0 < len(compiled[0]) < len(document)
