"""alphabetical, xor and or, with Spectral's own test cases."""

from __future__ import annotations

import pytest

from speclib.lint import RulesetError

from .support import run_function, run_rule


def test_it_reports_object_keys_out_of_order():
    found = run_function("alphabetical", {"c": 2, "b": "xz"})
    assert found == [{"path": ["c"], "message": '"c" must be placed after "b"'}]


def test_it_keeps_the_source_order_of_numeric_keys():
    text = "'400':\n  description: ''\n'200':\n  description: ''\n"
    found = run_rule({"given": "$", "then": {"function": "alphabetical"}}, None, text=text)
    assert found == [{"path": ["400"], "message": '"400" must be placed after "200"'}]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["b", "a"], [{"path": ["0"], "message": '"b" must be placed after "a"'}]),
        ([10, 1], [{"path": ["0"], "message": "10 must be placed after 1"}]),
        (["B", "a", "c"], [{"path": ["0"], "message": '"B" must be placed after "a"'}]),
        (["_a", "a", "-b", "1"], [{"path": ["1"], "message": '"a" must be placed after "-b"'}]),
        (["a", "ab"], []),
        (["a", "B", "c"], []),
        (["10", "9"], []),
        (
            [False, "a", None],
            [
                {
                    "path": [],
                    "message": "The document must be one of the allowed types: number, string",
                }
            ],
        ),
    ],
)
def test_it_orders_strings_and_numbers_as_spectral_does(items, expected):
    assert run_function("alphabetical", items) == expected


def test_it_orders_by_a_key_of_each_item():
    found = run_function("alphabetical", [{"a": "10"}, {"a": "1"}], {"keyedBy": "a"})
    assert found == [{"path": [], "message": "properties must follow the alphabetical order"}]
    assert (
        run_function("alphabetical", [{"a": "1"}, {"a": "2"}, {"a": "2"}], {"keyedBy": "a"}) == []
    )
    found = run_function("alphabetical", [100, 1], {"keyedBy": "a"})
    assert found == [{"path": [], "message": "The document must be an object"}]


def test_it_refuses_unknown_alphabetical_options():
    with pytest.raises(RulesetError, match='"alphabetical" function does not support "foo"'):
        run_function("alphabetical", [], {"foo": True})


@pytest.mark.parametrize(
    ("properties", "document", "message"),
    [
        (
            ["yada-yada", "whatever"],
            {"version": "1", "title": "x"},
            'At least one of "yada-yada" or "whatever" must be defined',
        ),
        (
            ["a", "b", "c", "d", "e"],
            {"version": "1"},
            'At least one of "a" or "b" or "c" or 2 other properties must be defined',
        ),
        (
            ["version", "title"],
            {"version": "1", "title": "x"},
            'Just one of "version" and "title" must be defined',
        ),
        (["something", "title"], {"version": "1", "title": "x"}, None),
    ],
)
def test_it_wants_exactly_one_property_for_xor(properties, document, message):
    found = run_function("xor", document, {"properties": properties})
    assert found == ([] if message is None else [{"path": [], "message": message}])


def test_it_wants_at_least_one_property_for_or():
    assert (
        run_function("or", {"version": "1", "title": "x"}, {"properties": ["version", "title"]})
        == []
    )
    found = run_function("or", {"version": "1"}, {"properties": ["a", "b"]})
    assert found == [{"path": [], "message": 'At least one of "a" or "b" must be defined'}]


@pytest.mark.parametrize("name", ["xor", "or"])
def test_it_refuses_fewer_than_two_properties(name):
    with pytest.raises(RulesetError, match=f'"{name}" requires at least two enumerated'):
        run_function(name, {}, {"properties": ["a"]})
