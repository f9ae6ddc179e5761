"""pattern and casing, with Spectral's own test cases."""

from __future__ import annotations

import pytest

from speclib.lint import RulesetError
from speclib.lint.functions import FUNCTIONS

from .support import run_function


@pytest.mark.parametrize("option", ["[abc]+", "/[abc]+/", "/[abc]+/gi"])
def test_it_accepts_a_match_in_either_form(option):
    assert run_function("pattern", "abc", {"match": option}) == []


def test_it_applies_flags_of_the_slashed_form():
    assert run_function("pattern", "aBc", {"match": "/[abc]+/im"}) == []
    assert run_function("pattern", "def", {"notMatch": "/[abc]+/i"}) == []


def test_it_reports_match_and_not_match_failures_together():
    found = run_function("pattern", "abc", {"match": "^x", "notMatch": "c$"})
    assert found == [
        {"path": [], "message": '"abc" must match the pattern "^x"'},
        {"path": [], "message": '"abc" must not match the pattern "c$"'},
    ]


def test_it_ignores_values_that_are_not_strings():
    assert run_function("pattern", 5, {"match": "^x"}) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"match": "/[abc]+/invalid"}, "Invalid flags supplied to RegExp constructor 'invalid'"),
        ({}, '"pattern" function has invalid options specified.'),
        ({"foo": True}, '"pattern" function does not support "foo" option'),
        (
            {"match": 2},
            '"pattern" function and its "match" option must be string or RegExp instance',
        ),
        ({"match": "(a+)+$"}, "exponential or high polynomial time"),
    ],
)
def test_it_refuses_bad_patterns_when_the_ruleset_loads(options, message):
    with pytest.raises(RulesetError, match="invalid options") as raised:
        run_function("pattern", "abc", options)
    assert message in str(raised.value)


CASES = {
    "flat": (["foo_test", "Foo", "123", "1d", "foo-bar"], ["foo", "foobar"], ["foo9bar", "foo1"]),
    "camel": (
        ["foo_test", "Foo", "1fooBarBaz", "123", "foo-bar"],
        ["foo", "fooBar", "fooBarBaz", "coordinateX"],
        ["foo1", "foo24Bar", "fooBar0Baz323"],
    ),
    "pascal": (
        ["foo_test", "123", "1fooBarBaz", "fooBarBaz1", "fooBar", "foo1", "foo-bar"],
        ["Foo", "FooBar", "FooBarBaz", "CoordinateZ"],
        ["Foo1", "FooBarBaz1"],
    ),
    "kebab": (
        [
            "foo_test",
            "Foo1",
            "123",
            "fooBar",
            "foO",
            "foo-baR",
            "1foo-bar",
            "foo--bar",
            "foo-",
            "-foo",
        ],
        ["foo", "foo-bar", "foo-bar-baz"],
        ["foo-bar1", "foo1-2bar"],
    ),
    "cobol": (
        ["foo_test", "Foo1", "123", "FOo", "FOO-BAr", "FOO--BAR", "FOO-", "-FOO"],
        ["FOO", "FOO-BAR", "FOO-BAR-BAZ"],
        ["FOO-BAR1", "FOO2-3BAR1"],
    ),
    "snake": (
        ["Foo1", "123", "fooBarBaz1", "FOo", "FOO-BAR", "foo__bar", "1foo_bar1", "foo_", "_foo"],
        ["foo", "foo_bar", "foo_bar_baz"],
        ["foo_bar1", "foo2_4bar1"],
    ),
    "macro": (
        ["foo_test", "Foo1", "123", "FOo", "FOO-BAR", "FO__BAR", "1FOO_BAR1", "FOO_", "_FOO"],
        ["FOO", "FOO_BAR", "FOO_BAR_BAZ"],
        ["FOO_BAR1", "FOO2_4BAR1", "FOO2_4_2"],
    ),
}


@pytest.mark.parametrize("kind", CASES)
def test_it_recognizes_each_casing(kind):
    invalid, valid, with_digits = CASES[kind]
    error = [{"path": [], "message": f"must be {kind} case"}]
    for value in invalid:
        assert run_function("casing", value, {"type": kind}) == error, value
    for value in valid + with_digits:
        assert run_function("casing", value, {"type": kind}) == [], value
    for value in with_digits:
        assert run_function("casing", value, {"type": kind, "disallowDigits": True}) == error
    for value in valid:
        assert run_function("casing", value, {"type": kind, "disallowDigits": True}) == []


@pytest.mark.parametrize(
    ("value", "options", "valid"),
    [
        ("/foo-bar/baz", {"type": "kebab", "separator": {"char": "/", "allowLeading": True}}, True),
        ("/", {"type": "kebab", "separator": {"char": "/", "allowLeading": True}}, True),
        ("/foo", {"type": "kebab", "separator": {"char": "/"}}, False),
        ("foo//bar", {"type": "kebab", "separator": {"char": "/"}}, False),
        ("/fooBar/Baz", {"type": "camel", "separator": {"char": "/", "allowLeading": True}}, False),
        ("fooB/bar", {"type": "camel", "separator": {"char": "/"}}, False),
        ("foo-bar-baz", {"type": "kebab", "separator": {"char": "-"}}, True),
    ],
)
def test_it_checks_groups_joined_by_a_separator(value, options, valid):
    found = run_function("casing", value, options)
    assert (found == []) is valid


def test_it_stays_fast_on_camel_case_with_many_digits():
    # Spectral's own expression backtracks exponentially here.
    assert run_function("casing", "a" + "1" * 5000 + "!", {"type": "camel"}) != []


def test_it_ignores_non_strings_and_empty_strings():
    assert run_function("casing", 1, {"type": "camel"}) == []
    assert run_function("casing", "", {"type": "camel"}) == []


def test_it_refuses_an_unknown_casing():
    with pytest.raises(RulesetError, match='"casing" function and its "type" option accept'):
        run_function("casing", "foo", {"type": "upper"})


def test_its_batch_form_gives_what_calls_one_by_one_give():
    # The engine hands all of a rule's targets to `many` at once (tens of thousands of
    # descriptions on a big document); the results must be the per-target ones.
    pattern = FUNCTIONS["pattern"]
    options = {"match": "^x", "notMatch": "c$"}
    targets = ["abc", "xbc", "xyz", 5, None, {"a": "abc"}, ["abc"], "cab", ""]
    one_by_one = [(i, pattern(t, options, None)) for i, t in enumerate(targets)]
    assert list(pattern.many(targets, options)) == [(i, found) for i, found in one_by_one if found]
    assert [i for i, _ in pattern.many(targets, options)] == [0, 1, 7, 8]


@pytest.mark.parametrize(
    "not_match", ["eval\\(", "<script", "ab", "b\\0c", "/EVAL\\(/i", "^ab", "x"]
)
def test_its_batch_form_of_a_plain_text_not_match_searches_the_joined_targets_alike(not_match):
    # A plain-text notMatch (the markdown rules') is first looked for in all the targets
    # joined by a NUL: found nowhere, nothing to report; found, each target is tested.
    pattern = FUNCTIONS["pattern"]
    options = {"notMatch": not_match}
    targets = ["a", "b", "eval(x)", 5, "<scrip", "t>", "b\0c", "Eval(", ["ab"], None, "ca"]
    one_by_one = [(i, pattern(t, options, None)) for i, t in enumerate(targets)]
    expected = [(i, found) for i, found in one_by_one if found]
    assert list(pattern.many(targets, options)) == expected
    assert list(pattern.many(["a", "b", "<scrip", "t>"], options)) == []


def test_the_joined_search_makes_no_match_out_of_two_neighbours():
    # A match across two targets would only cost the per-target tests (results are the same),
    # so the search is asked directly: the NUL between targets keeps "<scrip" + "t>" apart.
    from speclib.lint.functions.pattern import _found_in_none  # noqa: PLC0415

    assert _found_in_none("<script", ["<scrip", "t>", 3, "eval"])
    assert _found_in_none("ab", ["a", "b"])
    assert not _found_in_none("<script", ["a", "x <script> y"])


def test_its_batch_form_of_a_plain_text_not_match_finds_it_past_the_first_few_hundred():
    pattern = FUNCTIONS["pattern"]
    options = {"notMatch": "<script"}
    targets = ["a description"] * 700
    assert list(pattern.many(targets, options)) == []
    for index in (0, 255, 256, 699):
        changed = [*targets[:index], "x <script> y", *targets[index + 1 :]]
        assert [i for i, _ in pattern.many(changed, options)] == [index]
