"""Every real public document of the shared corpus loads and extracts, or is refused cleanly."""

from __future__ import annotations

import csv
import time

import orjson
import pytest
import yaml

from speclib import SpecError, parse_spec
from speclib.extract import DOCUMENT_BUDGET

from .samples import CORPUS

HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}


def manifest() -> list[str]:
    if not (CORPUS / "MANIFEST.tsv").is_file():
        return []
    with (CORPUS / "MANIFEST.tsv").open(newline="") as handle:
        return [row["file"] for row in csv.DictReader(handle, delimiter="\t")]


def declares_operations(data: bytes) -> bool:
    """An independent look (PyYAML, no speclib) for method keys under `paths`."""
    doc = yaml.load(data, Loader=yaml.CSafeLoader)  # only used on small documents
    paths = doc.get("paths") if isinstance(doc, dict) else None
    if not isinstance(paths, dict):
        return False
    return any(isinstance(item, dict) and HTTP_METHODS & set(item) for item in paths.values())


def test_it_finds_the_corpus(corpus: object) -> None:
    assert len(manifest()) > 100


@pytest.mark.parametrize("name", manifest())
def test_it_loads_and_extracts_every_corpus_document(name: str) -> None:
    data = (CORPUS / "specs" / name).read_bytes()
    started = time.perf_counter()
    try:
        spec = parse_spec(data)
    except SpecError as exc:
        assert exc.code and exc.message
        return
    elapsed = time.perf_counter() - started
    extraction = spec.extraction
    if not extraction.operations:
        assert not declares_operations(data), "operations were missed"
    stored = orjson.dumps(spec.to_dict())
    assert len(stored) < DOCUMENT_BUDGET * 1.25
    assert elapsed < 1 + len(data) / 2_000_000, f"{elapsed:.2f}s for {len(data):,} bytes"
