"""Hostile input: size, depth and alias bombs are refused fast and without crashing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import orjson
import pytest

from speclib import SpecError, load_document, parse_spec, yamlload
from speclib.extract import DOCUMENT_BUDGET


@pytest.fixture(autouse=True, params=["compiled loader", "events"])
def yaml_loader(request, monkeypatch):
    """Every hostile input goes through both YAML loaders (the compiled one hands what it
    refuses to Builder, which words the error)."""
    if request.param == "events":
        monkeypatch.setattr(yamlload, "_native", None)
    return request.param


ROOT = Path(__file__).resolve().parents[2]

BILLION_LAUGHS = b"""\
openapi: 3.0.0
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""

DEEP = {
    "yaml-block": b"key:\n" + b"- " * 10_000 + b"x\n",
    "yaml-block-mappings": b"".join(b" " * i + b"k:\n" for i in range(2_000)),
    "yaml-flow": b"key: " + b"[" * 10_000 + b"]" * 10_000 + b"\n",
    "yaml-flow-mappings": b"key: " + b"{a: " * 10_000 + b"1" + b"}" * 10_000 + b"\n",
    "json": b'{"a": ' + b"[" * 10_000 + b"]" * 10_000 + b"}",
    "json-objects": b'{"a": ' * 10_000 + b"1" + b"}" * 10_000,
}


def test_it_refuses_a_billion_laughs_alias_bomb_in_milliseconds() -> None:
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        load_document(BILLION_LAUGHS)
    assert time.perf_counter() - started < 0.5
    assert caught.value.code == "alias-bomb"
    assert caught.value.line is not None


def test_it_counts_aliases_at_their_expanded_size() -> None:
    # 3 levels of 9x: 9 + 81 + 729 nodes, far fewer written.
    text = b"\n".join(BILLION_LAUGHS.splitlines()[:4]) + b"\n"
    assert load_document(text, max_nodes=1_000).data["c"][8][8] == ["lol"] * 9
    with pytest.raises(SpecError) as caught:
        load_document(text, max_nodes=500)
    assert caught.value.code == "alias-bomb"


def test_it_refuses_a_document_with_too_many_real_nodes_as_too_large() -> None:
    with pytest.raises(SpecError) as caught:
        load_document(b"list:\n" + b"- 1\n" * 600, max_nodes=500)
    assert caught.value.code == "too-large"


@pytest.mark.parametrize("name", sorted(DEEP))
def test_it_refuses_deep_nesting(name: str) -> None:
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        load_document(DEEP[name])
    assert caught.value.code == "too-deep"
    assert caught.value.line is not None
    assert time.perf_counter() - started < 1


def test_it_accepts_nesting_up_to_the_limit() -> None:
    assert load_document(b"k: " + b"[" * 199 + b"]" * 199)
    with pytest.raises(SpecError):
        load_document(b"k: " + b"[" * 200 + b"]" * 200)


def test_it_survives_hostile_nesting_in_a_separate_process() -> None:
    # If libyaml or orjson crashed on these, the child would die by a signal.
    script = textwrap.dedent(
        """
        from speclib import SpecError, load_document
        cases = [
            b"- " * 1_000_000 + b"x",
            b"k: " + b"[" * 1_000_000,
            b"k: " + b"{a: " * 1_000_000,
            b"[" * 1_000_000,
            b'{"a":' * 1_000_000,
        ]
        for data in cases:
            try:
                load_document(data, max_depth=100_000)
            except SpecError as exc:
                print(exc.code)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["too-deep"] * 5


def test_it_refuses_oversized_input_before_parsing() -> None:
    started = time.perf_counter()
    with pytest.raises(SpecError) as caught:
        load_document(b"{" * 2_000_000, max_bytes=1_000_000)
    assert caught.value.code == "too-large"
    assert time.perf_counter() - started < 0.1


def test_it_accepts_input_exactly_at_the_size_limit() -> None:
    data = b'{"openapi": "3.0.0"}'
    assert load_document(data, max_bytes=len(data)).data == {"openapi": "3.0.0"}


def test_it_passes_limits_through_parse_spec() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(b"openapi: 3.0.0\n" + b"x" * 100, max_bytes=50)
    assert caught.value.code == "too-large"


def test_it_never_opens_a_connection_for_external_refs(no_network: list[object]) -> None:
    text = b"""\
openapi: 3.0.0
info: {title: t, version: '1'}
paths:
  /remote:
    $ref: "http://127.0.0.1:9/path.yaml"
  /pets:
    get:
      parameters:
        - $ref: "http://127.0.0.1:9/param.yaml"
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: "http://127.0.0.1:9/x.yaml#/Pet"}
        '500': {$ref: "file:///etc/passwd"}
"""
    spec = parse_spec(text)
    assert no_network == []
    detail = spec.extraction.operations[0].detail
    schema = detail["responses"]["200"]["content"]["application/json"]
    assert schema == {"$ref": "http://127.0.0.1:9/x.yaml#/Pet", "x-unresolved": "external"}
    assert detail["responses"]["500"]["x-unresolved"] == "external"
    assert {u.ref for u in spec.extraction.unresolved_refs} == {
        "http://127.0.0.1:9/path.yaml",
        "http://127.0.0.1:9/param.yaml",
        "http://127.0.0.1:9/x.yaml#/Pet",
        "file:///etc/passwd",
    }


def aliased_document(operations: int) -> bytes:
    """Each operation repeats, through YAML aliases, a 40 kB description, 100 parameters
    that share it, 400 long security scheme names with scopes, 20 long tags and 10 long
    media types: gigabytes if copied out naively, from about a megabyte of YAML."""
    name, scope, media = "s" * 500, "c" * 500, "m" * 1_000
    security = "".join(
        f"  - {{{', '.join(f'{name}{i}{j}: [{scope}, {scope}]' for j in range(20))}}}\n"
        for i in range(20)
    )
    content = ", ".join(f"{media}{i}: {{schema: {{type: string}}}}" for i in range(10))
    head = (
        "openapi: 3.0.0\n"
        "info: {title: t, version: '1'}\n"
        f"x-text: &text {'a' * 40_000}\n"
        f"x-tags: &tags [{', '.join(['t' * 1_000] * 20)}]\n"
        f"x-content: &content {{{content}}}\n"
        "x-security: &security\n"
        + security
        + "x-params: &params\n"
        + "".join(f"  - {{name: p{i}, in: query, description: *text}}\n" for i in range(100))
        + "paths:\n"
    )
    operation = (
        "{description: *text, parameters: *params, security: *security, tags: *tags,"
        " responses: {200: {description: *text, content: *content}}}"
    )
    paths = "".join(f"  /r{i}: {{get: {operation}}}\n" for i in range(operations))
    return (head + paths).encode()


def test_it_bounds_the_extraction_when_aliases_repeat_large_values() -> None:
    started = time.perf_counter()
    spec = parse_spec(aliased_document(1_500))
    stored = orjson.dumps(spec.to_dict())
    assert len(spec.extraction.operations) == 1_500
    assert len(stored) < DOCUMENT_BUDGET * 1.25
    first, last = spec.extraction.operations[0], spec.extraction.operations[-1]
    assert len(first.tags) == 20 and first.detail["parameters"]
    assert last.detail["truncated"] is True
    assert time.perf_counter() - started < 20
