"""YAML loading: YAML 1.2 meaning, source text kept where it matters, errors with lines.

Every test runs twice: with the compiled loader (``_yamlbuild.c``, built at install) and with
Builder over PyYAML's events, its reference (test_speclib_compiled.py compares the two on the
corpus).
"""

from __future__ import annotations

import textwrap

import pytest

from speclib import SpecError, load_document, yamlload

from .samples import require_compiled


@pytest.fixture(autouse=True, params=["compiled loader", "events"])
def loader(request, monkeypatch):
    if request.param == "events":
        monkeypatch.setattr(yamlload, "_native", None)
    else:
        require_compiled(yamlload._native is not None, "_yamlbuild.c", headers=("yaml.h",))
    return request.param


def load(text: str) -> object:
    document = load_document(textwrap.dedent(text).encode())
    assert document.syntax == "yaml"
    return document.data


def test_it_keeps_yaml_1_1_booleans_as_strings() -> None:
    data = load("values: [yes, no, on, off, y, n, Yes, NO]\n")
    assert data == {"values": ["yes", "no", "on", "off", "y", "n", "Yes", "NO"]}


def test_it_reads_core_schema_booleans_and_nulls() -> None:
    data = load("values: [true, True, FALSE, null, Null, ~, '', 'null']\nempty:\n")
    assert data == {"values": [True, True, False, None, None, None, "", "null"], "empty": None}


def test_it_reads_numbers_per_yaml_1_2() -> None:
    data = load("values: [012, 0o12, 0x1F, 1:30, 1_000, 1e3, .5, -1., +7, 0x, 08]\n")
    assert data == {"values": [12, 10, 31, "1:30", "1_000", 1000.0, 0.5, -1.0, 7, "0x", 8]}


def test_it_keeps_non_json_numbers_as_text() -> None:
    data = load("values: [.inf, -.Inf, .nan, 1e999, 123456789012345678901234567890]\n")
    assert data["values"][:4] == [".inf", "-.Inf", ".nan", "1e999"]
    assert data["values"][4] == pytest.approx(1.2345678901234568e29)


def test_it_keeps_timestamps_as_strings() -> None:
    data = load("created: 2001-12-14t21:59:43.10-05:00\nday: 2002-12-14\n")
    assert data == {"created": "2001-12-14t21:59:43.10-05:00", "day": "2002-12-14"}


def test_it_keeps_the_source_text_of_info_version() -> None:
    data = load(
        """\
        openapi: 3.0.0
        info:
          version: 1.10
          x-other: 1.10
        """
    )
    assert data["info"] == {"version": "1.10", "x-other": 1.1}


@pytest.mark.parametrize(("source", "expected"), [("2.0", "2.0"), ("2", "2"), ("3.10", "3.10")])
def test_it_keeps_the_source_text_of_the_version_fields(source: str, expected: str) -> None:
    assert load(f"swagger: {source}\nopenapi: {source}\n") == {
        "swagger": expected,
        "openapi": expected,
    }


def test_it_keeps_info_version_text_through_an_alias() -> None:
    data = load("x-v: &v 2.10\ninfo:\n  version: *v\n")
    assert data == {"x-v": 2.1, "info": {"version": "2.10"}}


def test_it_turns_integer_keys_into_strings() -> None:
    data = load(
        """\
        responses:
          200: {description: ok}
          404: {description: missing}
          1.10: x
          true: y
        """
    )
    assert list(data["responses"]) == ["200", "404", "1.10", "true"]


def test_it_refuses_duplicate_keys_with_the_line() -> None:
    with pytest.raises(SpecError) as caught:
        load(
            """\
            paths:
              /a:
                get: {}
              /a:
                post: {}
            """
        )
    assert caught.value.code == "duplicate-key"
    assert caught.value.line == 4
    assert '"/a"' in caught.value.message


def test_it_refuses_an_integer_key_that_duplicates_a_quoted_one() -> None:
    with pytest.raises(SpecError) as caught:
        load("responses:\n  200: a\n  '200': b\n")
    assert (caught.value.code, caught.value.line) == ("duplicate-key", 3)


def test_it_applies_merge_keys_with_explicit_keys_winning() -> None:
    data = load(
        """\
        base: &base {type: string, format: uuid}
        id:
          <<: *base
          format: ulid
        """
    )
    assert data["id"] == {"format": "ulid", "type": "string"}


def test_it_shares_anchored_values_for_aliases() -> None:
    data = load("a: &x {k: [1, 2]}\nb: *x\n")
    assert data["a"] == data["b"] == {"k": [1, 2]}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: {x: 1]\nc: 2\n", 2),
        ("a: 1\n  b: 2\n", 2),
        ("a: 'unterminated\nb: 2\n", 3),
        ("a: 1\nb: \x01\n", 2),
        ("a: *nowhere\n", 1),
    ],
)
def test_it_reports_malformed_yaml_with_the_line(text: str, line: int) -> None:
    with pytest.raises(SpecError) as caught:
        load_document(text.encode())
    assert caught.value.code == "invalid-yaml"
    assert caught.value.line == line
    assert f"line {line}" in caught.value.message


def test_it_refuses_a_recursive_alias() -> None:
    with pytest.raises(SpecError) as caught:
        load_document(b"a: &a [1, *a]\n")
    assert caught.value.code == "invalid-yaml"


def test_it_refuses_several_documents_in_one_file() -> None:
    with pytest.raises(SpecError) as caught:
        load_document(b"openapi: 3.0.0\n---\nopenapi: 3.1.0\n")
    assert (caught.value.code, caught.value.line) == ("invalid-yaml", 2)


def test_it_refuses_mapping_keys_that_are_not_text() -> None:
    with pytest.raises(SpecError) as caught:
        load_document(b"a: 1\n? [x, y]\n: 2\n")
    assert (caught.value.code, caught.value.line) == ("invalid-yaml", 2)


@pytest.mark.parametrize("text", [b"", b"  \n\t\n", b"# just a comment\n", b"---\n"])
def test_it_refuses_empty_documents(text: bytes) -> None:
    with pytest.raises(SpecError) as caught:
        load_document(text)
    assert caught.value.code == "empty"


def test_it_accepts_a_utf8_bom_and_reports_size_and_digest() -> None:
    document = load_document(b"\xef\xbb\xbfopenapi: 3.1.0\n")
    assert document.data == {"openapi": "3.1.0"}
    assert document.size == 18
    assert len(document.sha256) == 64


@pytest.mark.parametrize(
    ("data", "line"), [(b"a: 1\nb: caf\xe9\n", 2), ("a: 1".encode("utf-16"), 1)]
)
def test_it_refuses_text_that_is_not_utf8(data: bytes, line: int) -> None:
    with pytest.raises(SpecError) as caught:
        load_document(data)
    assert (caught.value.code, caught.value.line) == ("invalid-encoding", line)


def test_it_gives_the_same_result_with_the_pure_python_parser(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from speclib import yamlload

    text = "info: {version: 1.10}\nr: {200: [yes, 012, 0x1F, ~]}\nm: {<<: {a: 1}, b: 2}\n"
    fast = load(text)
    monkeypatch.setattr(yamlload, "_FastParser", None)
    slow = load(text)
    assert slow == fast
    assert fast == {
        "info": {"version": "1.10"},
        "r": {"200": ["yes", 12, 31, None]},
        "m": {"b": 2, "a": 1},
    }
