"""length and enumeration, with Spectral's own test cases."""

from __future__ import annotations

import pytest

from speclib.lint import RulesetError

from .support import run_function

SIZED = ["123", 3, [1, 2, 3], {"one": 1, "two": 2, "three": 3}]


@pytest.mark.parametrize("value", SIZED)
def test_it_reports_values_longer_than_max(value):
    found = run_function("length", value, {"max": 2})
    assert found == [{"path": [], "message": "The document must be shorter than 2"}]


@pytest.mark.parametrize("value", SIZED)
def test_it_reports_values_shorter_than_min(value):
    found = run_function("length", value, {"min": 4})
    assert found == [{"path": [], "message": "The document must be longer than 4"}]


@pytest.mark.parametrize("value", SIZED)
def test_it_accepts_values_between_min_and_max(value):
    assert run_function("length", value, {"min": 3, "max": 3}) == []


def test_it_ignores_values_without_a_length():
    assert run_function("length", True, {"min": 4}) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            None,
            '"length" function has invalid options specified. Example valid options: '
            '{ "min": 2 }, { "max": 5 }, { "min": 0, "max": 10 }',
        ),
        ({"min": 2, "foo": True}, '"length" function does not support "foo" option'),
        (
            {"min": "2"},
            '"length" function and its "min" option accepts only the following types: number',
        ),
    ],
)
def test_it_refuses_bad_length_options_with_spectrals_words(options, message):
    with pytest.raises(RulesetError) as raised:
        run_function("length", "foo", options)
    assert str(raised.value).endswith(message)


def test_it_reports_every_bad_option_at_once():
    with pytest.raises(RulesetError) as raised:
        run_function("length", "foo", {"min": "4", "max": "2"})
    assert '"min" option accepts only' in str(raised.value)
    assert '"max" option accepts only' in str(raised.value)


def test_it_accepts_an_allowed_value():
    assert run_function("enumeration", "x", {"values": ["x", "y", "z"]}) == []


def test_it_reports_a_value_not_allowed():
    found = run_function("enumeration", "x", {"values": ["y", "z"]})
    message = '"x" must be equal to one of the allowed values: "y", "z"'
    assert found == [{"path": [], "message": message}]


def test_it_compares_enumeration_values_as_javascript_does():
    assert run_function("enumeration", 1.0, {"values": [1, True, None]}) == []
    found = run_function("enumeration", {"x": False}, {"values": [1, True, None]}, given="$.x")
    message = "false must be equal to one of the allowed values: 1, true, null"
    assert found == [{"path": ["x"], "message": message}]


def test_it_ignores_values_that_are_not_primitive():
    assert run_function("enumeration", {}, {"values": ["test"]}) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"values": ["foo", 2], "foo": True},
            '"enumeration" function does not support "foo" option',
        ),
        (
            {"values": [{}]},
            '"enumeration" and its "values" option support only arrays of '
            'primitive values, i.e. ["Berlin", "London", "Paris"]',
        ),
        (
            2,
            '"enumeration" function has invalid options specified. Example valid options: '
            '{ "values": ["Berlin", "London", "Paris"] }, { "values": [2, 3, 5, 8, 13, 21] }',
        ),
    ],
)
def test_it_refuses_bad_enumeration_options(options, message):
    with pytest.raises(RulesetError) as raised:
        run_function("enumeration", "foo", options)
    assert str(raised.value).endswith(message)
