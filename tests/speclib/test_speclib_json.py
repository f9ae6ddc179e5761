"""JSON loading: orjson speed, plus the checks orjson does not make (duplicates, depth)."""

from __future__ import annotations

import hashlib

import pytest

from speclib import SpecError, load_document


def test_it_reads_json_when_the_first_character_is_a_brace() -> None:
    document = load_document(b'  \n {"openapi": "3.1.0", "paths": {}}')
    assert document.syntax == "json"
    assert document.data == {"openapi": "3.1.0", "paths": {}}


def test_it_accepts_a_utf8_bom_before_json() -> None:
    assert load_document(b'\xef\xbb\xbf{"a": [1, 2]}').data == {"a": [1, 2]}


@pytest.mark.parametrize("text", [b'\xef\xbb\xbf{"a": [1, 2]}', b"a: 1\n", b"[]"])
def test_the_size_and_digest_are_of_the_bytes_as_uploaded(text: bytes) -> None:
    document = load_document(text)
    assert document.size == len(text)
    assert document.sha256 == hashlib.sha256(text).hexdigest() == document.sha256


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (b'{"a": 1,\n "b": }', 2),
        (b'{"a": 1,\n\n "b": [1, 2,]\n}', 3),
        (b'{"a": "unterminated\n}', 1),
        (b'{"a": 1}\n{"b": 2}', 2),
        (b'{"a": NaN}', 1),
    ],
)
def test_it_reports_malformed_json_with_the_line(text: bytes, line: int) -> None:
    with pytest.raises(SpecError) as caught:
        load_document(text)
    assert caught.value.code == "invalid-json"
    assert caught.value.line == line
    assert f"line {line}" in caught.value.message


def test_it_refuses_duplicate_keys_with_the_line() -> None:
    text = b'{\n "paths": {\n  "/a": {"get": {}},\n  "/b": {},\n  "/a": {"post": {}}\n }\n}'
    with pytest.raises(SpecError) as caught:
        load_document(text)
    assert (caught.value.code, caught.value.line) == ("duplicate-key", 5)
    assert '"/a"' in caught.value.message


def test_it_sees_duplicates_spelled_with_different_escapes() -> None:
    text = b'{"security": 1,\n "\\u0073ecurity": 2}'
    with pytest.raises(SpecError) as caught:
        load_document(text)
    assert (caught.value.code, caught.value.line) == ("duplicate-key", 2)


@pytest.mark.parametrize(
    "text",
    [
        b'{"a": "x\\": 1, \\"b", "c": {"d\\\\": ":", ":": "\\\\"}}',
        b'{"": 1, "k": [":", {"": ""}], "q\\"": "\\"\\\\\\""}',
        b'[{"a": 1}, {"a": 1}, "a:", ":::"]',
        b'{"x\\n": "\\t:", "y\\u003a": 1, "z\\\\": "\\\\\\":"}',
    ],
)
def test_it_does_not_mistake_colons_and_escapes_in_strings_for_keys(text: bytes) -> None:
    load_document(text)  # no duplicate-key error


def test_it_keeps_the_source_text_of_a_numeric_info_version() -> None:
    document = load_document(b'{"swagger": 2.0, "info": {"version": 1.10}}')
    assert document.data == {"swagger": "2.0", "info": {"version": "1.10"}}


def test_it_refuses_json_nested_beyond_the_limit() -> None:
    text = b'{"a":\n' + b"[" * 250 + b"]" * 250 + b"}"
    with pytest.raises(SpecError) as caught:
        load_document(text)
    assert (caught.value.code, caught.value.line) == ("too-deep", 2)


def test_it_refuses_json_with_more_nodes_than_allowed() -> None:
    with pytest.raises(SpecError) as caught:
        load_document(b"[" + b"0," * 999 + b"0]", max_nodes=500)
    assert caught.value.code == "too-large"


def test_it_refuses_invalid_utf8_in_json_with_the_line() -> None:
    with pytest.raises(SpecError) as caught:
        load_document(b'{"a": 1,\n"b": "\xff"}')
    assert (caught.value.code, caught.value.line) == ("invalid-encoding", 2)
