"""Extraction never raises on odd shapes: every node of real-looking documents is
replaced in turn by values of the wrong type."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from speclib import detect_format, extract, load_document

from .samples import OAS31, SWAGGER

JUNK: list[Any] = [
    None,
    0,
    -1.5,
    True,
    "text",
    [],
    {},
    ["x", 1, None, {}, []],
    {"x": {"y": []}},
    {"$ref": "#/nowhere"},
    {"$ref": 5},
    {"$ref": "#"},
    {"$ref": "http://127.0.0.1:9/x"},
]


def slots(node: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key or index) of a parsed document."""
    stack = [node]
    while stack:
        current = stack.pop()
        keys = current.keys() if isinstance(current, dict) else range(len(current))
        for key in list(keys):
            yield current, key
            if isinstance(current[key], (dict, list)):
                stack.append(current[key])


@pytest.mark.parametrize("source", [OAS31, SWAGGER], ids=["openapi-3.1", "swagger-2.0"])
def test_it_extracts_without_raising_whatever_the_shapes(source: bytes) -> None:
    doc = load_document(source).data
    fmt = detect_format(doc)
    mutations = 0
    for container, key in list(slots(doc)):
        original = container[key]
        for junk in JUNK:
            if key in ("openapi", "swagger") and container is doc:
                continue  # a bad version is refused earlier, by detect_format
            container[key] = junk
            orjson.dumps(extract(doc, fmt).to_dict())
            mutations += 1
        container[key] = original
    assert mutations > 1_000
