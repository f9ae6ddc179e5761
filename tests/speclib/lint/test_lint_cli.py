"""``portal lint`` in a subprocess: output formats and exit codes.

The child process registers this folder's test functions before running the CLI, so the
command is tested apart from the real rule functions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

ROOT = Path(__file__).resolve().parents[3]
RUNNER = (
    "import sys; import speclib.lint.functions as registry; "
    "from tests.speclib.lint.conftest import TEST_FUNCTIONS; "
    "registry.FUNCTIONS.update(TEST_FUNCTIONS); "
    "from portal.cli import main; sys.exit(main(sys.argv[1:]))"
)
RULESET = """
rules:
  needs-contact:
    description: Info must have a contact.
    severity: error
    given: $.info
    then: {field: contact, function: falsy}
  every-op:
    severity: hint
    given: $.paths[*][get,post]
    then: {function: always}
"""
SPEC = "openapi: 3.0.0\ninfo:\n  title: T\n  version: '1'\npaths:\n  /a:\n    get: {}\n"


def run(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUNNER, "lint", *args],
        cwd=tmp_path,
        input=stdin,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=60,
        check=False,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / ".spectral.yaml").write_text(RULESET)
    (tmp_path / "api.yaml").write_text(SPEC)
    (tmp_path / "other.json").write_text('{"openapi": "3.0.0", "info": {"contact": {"name": "n"}}}')
    return tmp_path


def test_it_prints_spectral_json_and_fails_on_errors(workdir: Path) -> None:
    done = run(workdir, "api.yaml", "other.json", "--format", "json")
    assert done.returncode == 1, done.stderr
    findings = json.loads(done.stdout)
    assert [(f["code"], f["path"], f["source"]) for f in findings] == [
        ("needs-contact", ["info"], "api.yaml"),
        ("every-op", ["paths", "/a", "get"], "api.yaml"),
    ]
    assert set(findings[0]) == {"code", "path", "message", "severity", "range", "source"}
    assert findings[0]["range"]["start"] == {"line": 1, "character": 5}


@pytest.mark.parametrize(("threshold", "code"), [("error", 0), ("hint", 1)])
def test_it_exits_by_fail_severity(workdir: Path, threshold: str, code: int) -> None:
    assert run(workdir, "other.json", "--fail-severity", threshold).returncode == 0
    (workdir / "only-hint.yaml").write_text(SPEC.replace("  title: T", "  contact: {name: n}"))
    assert run(workdir, "only-hint.yaml", "--fail-severity", threshold).returncode == code


def test_it_prints_stylish_text(workdir: Path) -> None:
    done = run(workdir, "api.yaml")
    assert "api.yaml" in done.stdout
    assert "2:6" in done.stdout and "error" in done.stdout and "needs-contact" in done.stdout
    assert "✖ 2 problems (1 error, 0 warnings, 0 infos, 1 hint)" in done.stdout


def test_it_shows_only_failures_and_says_so_as_spectral_does(workdir: Path) -> None:
    only = run(workdir, "api.yaml", "-D", "--format", "json")
    assert only.returncode == 1
    assert [f["code"] for f in json.loads(only.stdout)] == ["needs-contact"]  # the hint is gone
    assert run(workdir, "other.json").stdout == "No results with a severity of 'error' found!\n"
    quiet = run(workdir, "other.json", "-F", "warn", "-D", "-f", "stylish")
    assert quiet.stdout == "No results with a severity of 'warn' or higher found!\n"
    # Spectral's format names, so that a CI step moves over unchanged.
    assert run(workdir, "api.yaml", "-f", "stylish").stdout == run(workdir, "api.yaml").stdout
    actions = run(workdir, "api.yaml", "-f", "github-actions").stdout
    assert actions == run(workdir, "api.yaml", "-f", "github").stdout != ""


def test_it_warns_of_an_unrecognised_document_unless_told_not_to(workdir: Path) -> None:
    (workdir / "config.yaml").write_text("name: not an API description\n")
    ruleset = ["-r", "spectral:oas", "-f", "json"]
    warned = json.loads(run(workdir, "config.yaml", *ruleset).stdout)
    assert [finding["code"] for finding in warned] == ["unrecognized-format"]
    quiet = run(workdir, "config.yaml", *ruleset, "--ignore-unknown-format")
    assert quiet.returncode == 0 and json.loads(quiet.stdout) == []


def test_it_expands_glob_patterns_as_spectral_does(workdir: Path) -> None:
    (workdir / "specs" / "deep").mkdir(parents=True)
    (workdir / "specs" / "deep" / "b.yaml").write_text(SPEC)
    (workdir / "specs" / "a.json").write_text('{"openapi": "3.0.0", "info": {}}')
    (workdir / "specs" / "{id}.yaml").write_text(SPEC)  # braces without a comma: a name
    (workdir / "specs" / "notes.txt").write_text("not a spec")

    def sources(*args: str) -> list[str]:
        done = run(workdir, *args, "--format", "json")
        assert done.returncode == 1, done.stderr
        return sorted({finding["source"] for finding in json.loads(done.stdout)})

    everything = ["specs/a.json", "specs/deep/b.yaml", "specs/{id}.yaml"]
    assert sources("specs/**/*.{yaml,json}") == everything
    assert sources("specs/*.{yaml,json}", "specs/a.json") == ["specs/a.json", "specs/{id}.yaml"]
    assert sources("specs/{id}.yaml", "specs/nothing-*.yaml") == ["specs/{id}.yaml"]
    unmatched = run(workdir, "specs/a.json", "specs/nothing-*.yaml", "--fail-on-unmatched-globs")
    assert unmatched.returncode == 2 and "no file matches specs/nothing-*.yaml" in unmatched.stderr
    nothing = run(workdir, "specs/*.md")
    assert nothing.returncode == 2 and "no files found to lint" in nothing.stderr


STYLISH_RULESET = """
documentationUrl: https://example.com/rules
rules:
  needs-contact:
    description: Info must have a contact.
    severity: error
    given: $.info
    then: {field: contact, function: truthy}
  short-summaries:
    message: "{{property}} is too long ({{path}})"
    severity: info
    given: $.paths[*][*]
    then: {field: summary, function: length, functionOptions: {max: 5}}
"""
STYLISH_SPEC = (
    'openapi: 3.0.0\ninfo:\n  title: T\n  version: "1"\npaths:\n  /pets/{id}:\n    get:\n'
    "      summary: Fetch one pet\n  /a b:\n    put:\n      summary: Replace everything\n"
)
# What the Spectral CLI 6.16.3 printed for these two files, its source name made relative:
# columns padded as its text-table pads them, paths printed and escaped as its printPath does.
SPECTRAL_STYLISH = Path(__file__).with_name("spectral_stylish.txt")


def test_its_text_is_spectrals_stylish_output(tmp_path: Path) -> None:
    (tmp_path / ".spectral.yaml").write_text(STYLISH_RULESET)
    (tmp_path / "api.yaml").write_text(STYLISH_SPEC)
    assert run(tmp_path, "api.yaml").stdout == SPECTRAL_STYLISH.read_text(encoding="utf-8")
    linked = run(tmp_path, "api.yaml", "--show-documentation-url").stdout.splitlines()
    assert linked[2].split()[-2:] == ["info", "https://example.com/rules#needs-contact"]
    findings = json.loads(
        run(tmp_path, "api.yaml", "-f", "json", "--show-documentation-url").stdout
    )
    assert [f["documentationUrl"] for f in findings] == [
        "https://example.com/rules#needs-contact",
        "https://example.com/rules#short-summaries",
        "https://example.com/rules#short-summaries",
    ]
    assert "documentationUrl" not in json.loads(run(tmp_path, "api.yaml", "-f", "json").stdout)[0]
    junit = ElementTree.fromstring(run(tmp_path, "api.yaml", "-f", "junit").stdout)
    names = [case.get("name") for case in junit.iter("testcase")]
    assert names[-1] == "org.spectral.short-summaries(paths['/a b'].put.summary)"


def test_it_prints_github_workflow_commands(workdir: Path) -> None:
    lines = run(workdir, "api.yaml", "--format", "github").stdout.splitlines()
    assert lines[0].startswith("::error file=api.yaml,line=2,col=6,")
    assert lines[0].endswith("::Info must have a contact.")
    assert lines[1].startswith("::notice file=api.yaml,line=7,")


def test_it_prints_sarif_and_junit(workdir: Path) -> None:
    sarif = json.loads(run(workdir, "api.yaml", "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "needs-contact" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    junit = ElementTree.fromstring(run(workdir, "api.yaml", "--format", "junit").stdout)
    suite = junit.find("testsuite")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"


def test_it_exits_2_with_one_line_for_bad_input(workdir: Path) -> None:
    (workdir / "bad.yaml").write_text("rules:\n  r: {given: '$[', then: {function: falsy}}\n")
    for args in (["api.yaml", "--ruleset", "bad.yaml"], ["missing.yaml"],
                 ["api.yaml", "--ruleset", "nowhere.yaml"]):  # fmt: skip
        done = run(workdir, *args)
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert 'rule "r"' in run(workdir, "api.yaml", "--ruleset", "bad.yaml").stderr


def test_it_lints_standard_input(workdir: Path) -> None:
    # `cat api.yaml | portal lint -`: the same findings as from the file, under "<stdin>".
    piped = run(workdir, "-", "api.yaml", "--format", "json", stdin=SPEC)
    assert piped.returncode == 1, piped.stderr
    findings = json.loads(piped.stdout)
    by_source = {source: sorted((f["code"], f["path"], f["range"]["start"]["line"])
                                for f in findings if f["source"] == source)
                 for source in ("<stdin>", "api.yaml")}  # fmt: skip
    assert by_source["<stdin>"] == by_source["api.yaml"] != []
    twice = run(workdir, "-", "-", stdin=SPEC)
    assert twice.returncode == 2 and "only once" in twice.stderr


def test_it_refuses_a_javascript_ruleset_it_finds_rather_than_pass_it_over(tmp_path: Path) -> None:
    (tmp_path / ".spectral.js").write_text('module.exports = {extends: ["spectral:oas"]};')
    (tmp_path / "api.yaml").write_text(SPEC)
    done = run(tmp_path, "api.yaml")
    assert done.returncode == 2 and "JavaScript rulesets are not supported" in done.stderr


def test_it_reports_unparseable_documents_as_findings(workdir: Path) -> None:
    (workdir / "broken.yaml").write_text("openapi: 3.0.0\ninfo: [\n")
    done = run(workdir, "broken.yaml", "--format", "json")
    assert done.returncode == 1
    assert json.loads(done.stdout)[0]["code"] == "parser"


def test_the_installed_script_writes_its_whole_report_before_its_fast_exit(tmp_path: Path) -> None:
    # The console script skips the interpreter's teardown (os._exit): a report longer than
    # the pipe's buffer must still arrive whole, with the exit code, and so must a file.
    script = Path(sys.executable).parent / "portal"
    ok = "{responses: {'200': {description: ok}}}"
    paths = "".join(f"  /items{index}:\n    get: {ok}\n" for index in range(600))
    (tmp_path / "big.yaml").write_text(
        "openapi: 3.0.0\ninfo:\n  title: T\n  version: '1'\npaths:\n" + paths
    )
    done = subprocess.run(
        [str(script), "lint", "big.yaml", "--format", "json", "-r", "spectral:oas"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr  # warnings only
    findings = json.loads(done.stdout)
    assert len(findings) > 1200 and len(done.stdout) > 65536
    assert {f["code"] for f in findings} >= {"operation-description", "operation-operationId"}
    written = subprocess.run(
        [str(script), "lint", "big.yaml", "-f", "json", "-o", "report.json", "-F", "warn"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert written.returncode == 1 and written.stdout == ""
    assert json.loads((tmp_path / "report.json").read_text()) == findings


def test_the_installed_script_stops_quietly_when_its_reader_goes_away(tmp_path: Path) -> None:
    # `portal lint ... | head`: the pipe closes before the report is written.
    paths = "".join(f"  /items{index}:\n    get: {{}}\n" for index in range(600))
    (tmp_path / "big.yaml").write_text(
        "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n" + paths
    )
    read, write = os.pipe()
    os.close(read)  # nobody will read
    done = subprocess.run(
        [str(Path(sys.executable).parent / "portal"), "lint", "big.yaml", "-f", "json"],
        cwd=tmp_path,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    os.close(write)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and done.stderr == ""
