"""speclib's compiled loaders do what their Python references do: the YAML loader over libyaml
(``_yamlbuild.c``) gives Builder's values and tape, and the JSON node count
(``_jsonmeasure.c``) counts as ``jsonload._measure`` counts."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from speclib import SpecError, jsonload, yamlload
from speclib.verbatim import VERBATIM_PATHS
from speclib.yamlscalars import resolve_plain
from speclib.yamltape import Tape

from .samples import require_compiled


def _loaded(load, data: bytes) -> tuple:
    tape = Tape()
    try:
        value = load(data, max_depth=200, max_nodes=10_000_000, tape=tape)
    except SpecError as exc:
        return ("refused", exc.code, exc.message, exc.line)
    return value, [getattr(tape, name) for name in Tape.__slots__]


def test_both_yaml_loaders_give_the_same_values_and_tapes_on_the_corpus(corpus: Path):
    require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    names = sorted(corpus.glob("specs/**/*.yaml"))
    assert len(names) > 30
    for name in names:
        data = name.read_bytes()
        assert _loaded(yamlload.load_yaml, data) == _loaded(yamlload.load_yaml_events, data), name


# Plain scalars the compiled loader resolves itself (words, constants, integers of up to 18
# digits) and ones it leaves to resolve_plain, as values, keys (a number or a boolean as a key
# is a problem on the tape) and items.
_CONSTANTS = ["~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false"]
_CONSTANTS += ["False", "FALSE", "fAlse", "n", "t", "f", "N", "T", "F", "nan", "name", "text"]
_INTEGERS = ["007", "-0", "+5", "0", "00", "200", "-200", "123456789012345678"]
_INTEGERS += ["-123456789012345678", "1234567890123456789", "9223372036854775807"]
_INTEGERS += ["18446744073709551615", "18446744073709551616", "1_000", "0x1F", "0o17"]
_OTHERS = ["1.5", ".inf", "-.inf", ".nan", "1e5", "+1.5e-3", "12a", "--1", "+-1"]
_SCALARS = _CONSTANTS + _INTEGERS + _OTHERS


@pytest.mark.parametrize("scalar", _SCALARS)
def test_both_yaml_loaders_resolve_plain_scalars_alike(scalar: str) -> None:
    require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    for text in (f"v: {scalar}\n", f"{scalar}: 1\n", f"- {scalar}\n"):
        data = text.encode()
        assert _loaded(yamlload.load_yaml, data) == _loaded(yamlload.load_yaml_events, data)
    value = yamlload.load_yaml(f"v: {scalar}\n".encode(), max_depth=9, max_nodes=99)["v"]
    assert (type(value), value) == (type(resolve_plain(scalar)), resolve_plain(scalar))


@pytest.mark.parametrize(
    "value",
    [1, "x", None, [], {}, [[[]]], {"a": {"b": [1, {"c": 2}], "d": {}}, "e": [[], {"f": None}]}],
)
def test_the_compiled_node_count_counts_as_the_python_one(value) -> None:
    require_compiled(jsonload.measure is not jsonload._measure, "_jsonmeasure.c")
    assert jsonload.measure(value) == jsonload._measure(value)


def test_the_compiled_node_count_counts_real_documents_as_the_python_one(corpus: Path) -> None:
    require_compiled(jsonload.measure is not jsonload._measure, "_jsonmeasure.c")
    for name in ("apisguru/zoom.us.json", "go-swagger/eve-online-esi.json"):
        document = orjson.loads((corpus / "specs" / name).read_bytes())
        counts = jsonload.measure(document)
        assert counts == jsonload._measure(document)
        assert counts[1] > 10_000


@pytest.mark.parametrize(
    "text",
    [
        rb'{"a\\": 1, "b": "c:d"}',
        rb'{"a\"b:": "x\\\":y", "c": [{"d": 2}, ":"]}',
        rb'{"\\\\": {"\u003a": ":"}, "e": "\\"}',
        b"[]",
        rb'"\\\\"',
    ],
)
def test_the_compiled_key_count_counts_as_the_python_one(text: bytes) -> None:
    require_compiled(jsonload.key_count is not jsonload._source_key_count, "_jsonmeasure.c")
    assert jsonload.key_count(text) == jsonload._source_key_count(text) == text.count(b'": ')


def test_the_compiled_key_count_counts_keys_at_every_alignment() -> None:
    # runs of blanks of every length around the eight bytes read at a time, before keys,
    # colons inside strings and escaped quotes
    require_compiled(jsonload.key_count is not jsonload._source_key_count, "_jsonmeasure.c")
    rng = random.Random(3)
    for _ in range(300):
        members = [
            " " * rng.randrange(12)
            + json.dumps(rng.choice(["a", "b:c", 'd"e', "", "\\"]))
            + " " * rng.randrange(3)
            + ":"
            + " " * rng.randrange(12)
            + rng.choice(["1", '"x:y"', "[]"])
            for _ in range(rng.randrange(1, 6))
        ]
        text = ("{" + ",".join(members) + "\n}").encode()
        assert jsonload.key_count(text) == jsonload._source_key_count(text) == len(members)


def test_the_compiled_key_count_counts_real_documents_as_the_python_one(corpus: Path) -> None:
    require_compiled(jsonload.key_count is not jsonload._source_key_count, "_jsonmeasure.c")
    names = sorted(corpus.glob("specs/**/*.json"))
    assert len(names) > 30
    for name in names:
        data = name.read_bytes()
        assert jsonload.key_count(data) == jsonload._source_key_count(data), name


def test_the_compiled_yaml_loader_reads_documents_and_tapes_without_pyyaml() -> None:
    # PyYAML's import costs as much as linting a small document; the compiled loader (and the
    # ranges read off its tape) need none of it, so a lint with a YAML ruleset does not load it.
    require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    program = (
        "import sys\n"
        "from speclib import load_document\n"
        "from speclib.lint.positions import yaml_ranges\n"
        "text = b'a: {b: [1, 2]}\\n'\n"
        "loaded = load_document(text, positions=True)\n"
        "assert yaml_ranges(text, [('a', 'b')], loaded.tape)[0]\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'yaml'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


# The first reader (_yamlscan.h) against libyaml, through the compiled builder: readers=1 reads
# with libyaml alone, readers=2 with the first reader alone (Fallback when it declines).
_LIBYAML, _SCANNER = 1, 2


def _read(data: bytes, readers: int) -> tuple:
    tape = Tape()
    native = yamlload._native
    try:
        value = native.load(data, 200, 10_000_000, tape, resolve_plain, VERBATIM_PATHS, readers)
    except native.Fallback as exc:
        return ("fallback", str(exc))
    return value, [getattr(tape, name) for name in Tape.__slots__]


def _declined(result: tuple) -> bool:
    return result == ("fallback", "declined by the first reader")


def test_the_first_yaml_reader_reads_the_corpus_as_libyaml_does(corpus: Path) -> None:
    require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    names = sorted(name for name in corpus.glob("specs/**/*") if name.suffix in (".yaml", ".yml"))
    assert len(names) > 1_000
    declined = []
    for name in names:
        data = name.read_bytes()
        scanned = _read(data, _SCANNER)
        if _declined(scanned):
            declined.append(name)
            continue
        assert scanned == _read(data, _LIBYAML), name
    # it reads all but a handful (flow collections over several lines, and the like), and
    # every large description
    assert len(declined) <= len(names) // 200, declined
    assert not [name for name in declined if name.stat().st_size > 100_000]


# Each form the first reader reads: its values, events and marks are libyaml's.
_READ = {
    "plain over lines": b"a: one\n  two\n\n  three # c\nb: x #y\n",
    "plain at the top": b"just\n text\n",
    "quoted": b"a: 'it''s'\nb: \"t\\tab \\u00e9\\x41 \\U0001F600 \\\\ \\/\"\nc: 'x\n\n  y'\n",
    "escaped break": b'a: "one \\\n   two\\\n\n three"\n',
    "quoted keys": b"'a b': 1\n\"c\" : 2\n",
    "block scalars": b"a: |\n  x\n   y\n\n\nb: >-\n  p\n  q\n\n  r\n"
    b"c: |+\n  k\n\n\nd: >2\n   i\ne: |\n",
    "block at the end": b"a: >\n  x",
    "indentation indicator after chomping": b"k:\n  a: |-2\n      x\n    y\n",
    "empty values": b"a:\nb: # c\nc:\n  - \n  -\nd: ''\n",
    "sequences": b"a:\n- x\n- y: 1\n  z: 2\n-\n  - deep\nb:\n  - - url\n    - v\n  - q\n",
    "explicit keys": b"? long.key\n: type: object\n  x: 1\n? 'q'\n:\n  - v\n"
    b"? plain\n  over two\n: z\n",
    "flow collections": b'a: []\nb: {}\nc: [x, "y", [1, 2], {k: v, "j": [w]}]\nd: [ a , b, ]\n',
    "comments and marker": b"# top\n---\n# more\na: 1 # one\n\n# two\nb: 2\n",
    "non-ASCII marks": "a: é\n\"ü\": [ö, 'ä']\nb: |\n  ß\nc: x\u4e2dy\n".encode(),
    "numbers and constants": b"a: 1\nb: -2.5\nc: true\nd: null\ne: ~\n200: ok\nf: 0x1F\n",
}


@pytest.mark.parametrize("text", list(_READ.values()), ids=list(_READ))
def test_the_first_yaml_reader_reads_each_form_as_libyaml_does(text: bytes) -> None:
    require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    scanned = _read(text, _SCANNER)
    assert not _declined(scanned)
    assert scanned == _read(text, _LIBYAML)


# What it leaves to libyaml: declined before any value is kept; the loader's answer is libyaml's.
_DECLINED = {
    "anchor and alias": b"a: &x 1\nb: *x\n",
    "tag": b"a: !!str 1\n",
    "tab": b"a:\tb\n",
    "carriage return": b"a: 1\r\nb: 2\r\n",
    "byte order mark": "\ufeffa: 1\n".encode(),
    "second document": b"a: 1\n---\nb: 2\n",
    "directive": b"%YAML 1.2\n---\na: 1\n",
    "flow over lines": b"a: [1,\n  2]\n",
    "mapping in a value": b"a: b: c\n",
    "error": b"a: 'open\n",
    "unknown escape": b'a: "\\q"\n',
}


@pytest.mark.parametrize("text", list(_DECLINED.values()), ids=list(_DECLINED))
def test_the_first_yaml_reader_leaves_the_rest_to_libyaml(text: bytes) -> None:
    require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    assert _declined(_read(text, _SCANNER))
    assert _read(text, 0) == _read(text, _LIBYAML)


def test_the_first_yaml_reader_agrees_with_libyaml_on_mutated_documents(corpus: Path) -> None:
    # pieces of real documents with a few bytes inserted, deleted or replaced (indicators,
    # quotes, escapes, line breaks, indentation): wherever the first reader reads one, libyaml
    # reads the same values, events and marks; where it finds a problem, libyaml does too
    require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    names = sorted(name for name in corpus.glob("specs/**/*") if name.suffix in (".yaml", ".yml"))
    pieces = [b":", b" ", b"-", b"'", b'"', b"#", b"[", b"]", b"{", b"}", b",", b"|", b">"]
    pieces += [b"?", b"\n", b"  ", b"\\", b"+", b"2", b"a", "é".encode(), b"...", b"---"]
    pieces += [b"\n  ", b"\n- ", b": ", b"''", b"\\n", b"\\\n"]
    rng = random.Random(17)
    read = 0
    for _ in range(6_000):
        data = rng.choice(names).read_bytes()
        if len(data) > 3_000:
            start = data.rfind(b"\n", 0, rng.randrange(len(data) - 2_000)) + 1
            data = data[start : start + rng.randrange(200, 2_000)]
        mutated = bytearray(data)
        for _ in range(rng.randrange(1, 4)):
            at = rng.randrange(len(mutated) + 1)
            choice = rng.random()
            if choice < 0.4:
                mutated[at:at] = rng.choice(pieces)
            elif choice < 0.7:
                del mutated[at : at + rng.randrange(1, 4)]
            else:
                mutated[at : at + 1] = rng.choice(pieces)
        scanned = _read(bytes(mutated), _SCANNER)
        if _declined(scanned):
            continue
        read += 1
        expected = _read(bytes(mutated), _LIBYAML)
        if scanned[0] == "fallback":  # a limit or a duplicate key: Builder decides, and words it
            assert expected[0] == "fallback", bytes(mutated)
        else:
            assert scanned == expected, bytes(mutated)
    assert read > 2_000
