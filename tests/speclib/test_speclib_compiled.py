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
