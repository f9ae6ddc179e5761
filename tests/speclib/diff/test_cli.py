"""``portal diff``: formats, exit codes and one-line errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from portal.cli import main

from ..test_speclib_hostile import BILLION_LAUGHS
from .samples import PETS, edit


@pytest.fixture
def pair(tmp_path):
    base = tmp_path / "v1.yaml"
    base.write_text(PETS)
    revision = tmp_path / "v2.yaml"
    revision.write_bytes(edit(PETS, "in: query,", "in: query, required: true,"))
    return str(base), str(revision)


def test_it_exits_1_on_a_breaking_change_and_prints_it(pair, capsys):
    assert main(["diff", *pair]) == 1
    out = capsys.readouterr().out
    assert "request-parameter-became-required GET /pets/{petId}" in out
    assert "1 breaking" in out


def test_it_reads_one_version_from_standard_input(pair, capsys, monkeypatch):
    base, revision = pair
    piped = io.TextIOWrapper(io.BytesIO(Path(base).read_bytes()))
    monkeypatch.setattr("sys.stdin", piped)
    assert main(["diff", "-", revision]) == 1
    assert "request-parameter-became-required GET /pets/{petId}" in capsys.readouterr().out
    assert main(["diff", "-", "-"]) == 2
    assert "only once" in capsys.readouterr().err


def test_it_exits_0_when_nothing_reaches_the_fail_level(tmp_path, capsys):
    base = tmp_path / "a.yaml"
    base.write_text(PETS)
    revision = tmp_path / "b.yaml"
    revision.write_bytes(edit(PETS, "operationId: getPet", "operationId: fetchPet"))
    assert main(["diff", str(base), str(revision), "--fail-on", "warning"]) == 0
    assert "api-operation-id-removed" in capsys.readouterr().out


def test_it_writes_json_with_ids_levels_and_sources(pair, capsys):
    main(["diff", *pair, "--format", "json"])
    [change] = json.loads(capsys.readouterr().out)
    assert change["id"] == "request-parameter-became-required"
    assert change["level"] == "error"
    assert change["operation"] == "GET /pets/{petId}"
    assert change["path"] == "/paths/~1pets~1{petId}/get/parameters/0"
    assert change["source"] == f"{pair[1]}:10"


def test_it_writes_a_markdown_changelog(pair, capsys):
    main(["diff", *pair, "--format", "markdown"])
    out = capsys.readouterr().out
    assert out.startswith("## Breaking changes")


def test_it_refuses_a_hostile_document_in_one_line(tmp_path, capsys):
    base = tmp_path / "a.yaml"
    base.write_text(PETS)
    bomb = tmp_path / "bomb.yaml"
    bomb.write_bytes(BILLION_LAUGHS)
    assert main(["diff", str(base), str(bomb)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("portal diff: cannot compare:")
    assert err.count("\n") == 1


def test_it_names_a_missing_file(tmp_path, capsys):
    assert main(["diff", str(tmp_path / "nope.yaml"), str(tmp_path / "nope2.yaml")]) == 2
    assert "cannot read" in capsys.readouterr().err
