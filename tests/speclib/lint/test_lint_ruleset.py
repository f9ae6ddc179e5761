"""Ruleset loading: Spectral's merging rules, aliases, overrides and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from speclib.lint import RulesetError, Severity

BASE = """
rules:
  on-rule:
    given: $.info
    then: {field: contact, function: falsy}
  off-rule:
    recommended: false
    severity: error
    given: $.info
    then: {field: license, function: falsy}
"""


def test_it_reads_yaml_json_and_mappings(make_ruleset) -> None:
    from_yaml = make_ruleset(BASE)
    from_json = make_ruleset(
        '{"rules": {"r": {"given": ["$", "$.info"], "then": [{"function": "always"}]}}}'
    )
    from_dict = make_ruleset({"rules": {"r": {"given": "$", "then": {"function": "always"}}}})
    assert from_yaml.rules["on-rule"].enabled and not from_yaml.rules["off-rule"].enabled
    assert from_yaml.rules["on-rule"].severity == Severity.WARN
    assert from_json.rules["r"].given == ("$", "$.info")
    assert from_dict.rules["r"].then[0].function_name == "always"


def test_it_merges_extends_with_severities(make_ruleset, tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(BASE)
    everything = make_ruleset({"extends": [["./base.yaml", "all"]]}, base_dir=tmp_path)
    nothing = make_ruleset({"extends": [["base.yaml", "off"]]}, base_dir=tmp_path)
    tuned = make_ruleset(
        {"extends": "base.yaml", "rules": {"on-rule": "error", "off-rule": True}},
        base_dir=tmp_path,
    )
    silenced = make_ruleset(
        {"extends": "base.yaml", "rules": {"on-rule": "off"}}, base_dir=tmp_path
    )
    assert everything.rules["off-rule"].enabled
    assert not nothing.rules["on-rule"].enabled and not nothing.rules["off-rule"].enabled
    assert tuned.rules["on-rule"].severity == Severity.ERROR
    assert tuned.rules["off-rule"].enabled
    assert not silenced.rules["on-rule"].enabled


@pytest.mark.parametrize(
    ("value", "expected"),
    [("error", 0), ("warn", 1), ("info", 2), ("hint", 3), (0, 0), (3, 3)],
)
def test_it_reads_spectral_severities(make_ruleset, value: object, expected: int) -> None:
    ruleset = make_ruleset(
        {"rules": {"r": {"given": "$", "severity": value, "then": {"function": "always"}}}}
    )
    assert ruleset.rules["r"].severity == expected


def test_it_adds_the_documentation_url_of_the_ruleset(make_ruleset) -> None:
    ruleset = make_ruleset(
        {
            "documentationUrl": "https://example.test/rules",
            "rules": {"r": {"given": "$", "then": {"function": "always"}}},
        }
    )
    assert ruleset.rules["r"].documentation_url == "https://example.test/rules#r"


def test_it_expands_nested_and_scoped_aliases(make_ruleset) -> None:
    ruleset = make_ruleset(
        {
            "aliases": {
                "PathItem": ["$.paths[*]"],
                "Op": ["#PathItem[get,post]"],
                "Schemas": {
                    "targets": [
                        {"formats": ["oas2"], "given": ["$.definitions[*]"]},
                        {"formats": ["oas3"], "given": ["$.components.schemas[*]"]},
                    ]
                },
            },
            "rules": {
                "ops": {"given": "#Op.responses", "then": {"function": "always"}},
                "schemas": {"given": "#Schemas", "then": {"function": "always"}},
            },
        }
    )
    assert ruleset.rules["ops"].given_for(frozenset()) == ["$.paths[*][get,post].responses"]
    assert ruleset.rules["schemas"].given_for(frozenset({"oas2"})) == ["$.definitions[*]"]
    assert ruleset.rules["schemas"].given_for(frozenset({"oas3", "oas3.1"})) == [
        "$.components.schemas[*]"
    ]
    assert ruleset.rules["schemas"].given_for(frozenset()) == []


@pytest.mark.parametrize(
    ("definition", "problem"),
    [
        ({"rules": {"r": {"given": "$", "then": {"function": "nope"}}}}, 'unknown function "nope"'),
        ({"rules": {"r": {"given": "$.a[", "then": {"function": "always"}}}}, "invalid JSONPath"),
        ({"rules": {"r": {"given": "$", "severity": "fatal", "then": {"function": "always"}}}},
         "severity must be"),
        ({"rules": {"r": {"then": {"function": "always"}}}}, 'needs at least "given" and "then"'),
        ({"rules": {"r": {"given": "#Nope", "then": {"function": "always"}}}},
         'alias "Nope" does not exist'),
        ({"aliases": {"A": ["#B"], "B": ["#A"]},
          "rules": {"r": {"given": "#A", "then": {"function": "always"}}}}, "circular"),
        ({"rules": {"r": {"given": "$", "then": {"function": "strict"}}}},
         '"needed" option is required'),
        ({"rules": {"r": {"given": "$..[?(@.name.match(/(a+)+$/))]",
                          "then": {"function": "always"}}}}, "exponential"),
        ({"rules": {"missing": "off"}}, "no extended ruleset defines"),
        ({"extends": "spectral:asyncapi"}, "not supported"),
        ({"functions": ["mine"], "rules": {}}, "JavaScript"),
        ({"rules": {"r": {"given": "$", "formats": ["oas4"], "then": {"function": "always"}}}},
         "unknown format"),
        ({"extends": [["x", "most"]]}, '"recommended" | "all" | "off"'),
        ({"extends": "other.yaml"}, "has no folder"),
    ],
)  # fmt: skip
def test_it_refuses_bad_rulesets_naming_the_problem(make_ruleset, definition, problem) -> None:
    with pytest.raises(RulesetError, match=None) as caught:
        make_ruleset(definition)
    assert problem in str(caught.value)
    if "rules" in definition and "r" in definition["rules"]:
        assert 'rule "r"' in str(caught.value)


def test_it_explains_rulesets_it_cannot_run_or_install(make_ruleset, tmp_path: Path) -> None:
    from speclib.lint import load_ruleset

    (tmp_path / "custom.js").write_text('module.exports = {extends: ["spectral:oas"]};')
    with pytest.raises(RulesetError, match="JavaScript rulesets are not supported"):
        make_ruleset({"extends": "./custom.js"}, base_dir=tmp_path)
    with pytest.raises(RulesetError, match="JavaScript rulesets are not supported"):
        load_ruleset(b"module.exports = {};", name=".spectral.mjs")
    for package in ("@acme/api-rules", "acme-rules"):
        with pytest.raises(RulesetError, match="npm packages are not installed here"):
            make_ruleset({"extends": package}, base_dir=tmp_path)
    with pytest.raises(RulesetError) as caught:
        make_ruleset({"extends": "./missing.yaml"}, base_dir=tmp_path)
    assert "does not exist" in str(caught.value) and "npm" not in str(caught.value)


def test_it_refuses_unreadable_text(make_ruleset) -> None:
    with pytest.raises(RulesetError, match="cannot be read"):
        make_ruleset("rules: [unclosed")
    with pytest.raises(RulesetError, match="cannot be read"):
        make_ruleset("a: 1\na: 2\n")


def test_it_refuses_unsafe_pattern_options() -> None:
    from speclib.lint import load_ruleset

    def pattern(target, options, context):
        return None

    with pytest.raises(RulesetError, match='rule "r"'):
        load_ruleset(
            {"rules": {"r": {"given": "$", "then": {"function": "pattern",
                                                    "functionOptions": {"match": "(a*)*b"}}}}},
            functions={"pattern": pattern},
        )  # fmt: skip


@pytest.mark.parametrize("name", ["spectral:oas", "portal:recommended"])
def test_the_options_of_every_builtin_rule_are_valid(name: str) -> None:
    """Loading a built-in ruleset skips checking its functions' options (they are ours, and
    checking them was half the start-up of `portal lint`): this test is that check."""
    from speclib.lint.functions import FUNCTIONS
    from speclib.lint.ruleset import _thens
    from speclib.lint.rulesource import builtin_definition

    rules = builtin_definition(name)["rules"]
    checked = 0
    for rule_name, rule in rules.items():
        if isinstance(rule, dict) and "then" in rule:
            thens = _thens(rule["then"], f'rule "{rule_name}"', FUNCTIONS, check_options=True)
            checked += len(thens)
    assert checked >= len(rules) // 2


def test_options_given_over_a_builtin_rule_are_checked() -> None:
    from speclib.lint import load_ruleset

    with pytest.raises(RulesetError, match='rule "info-contact".*invalid options'):
        load_ruleset(
            {"extends": ["spectral:oas"],
             "rules": {"info-contact": {"then": {"function": "pattern",
                                                 "functionOptions": {"nope": 1}}}}}
        )  # fmt: skip
