"""truthy, falsy, defined and undefined, with Spectral's own test cases."""

from __future__ import annotations

import pytest

from speclib.lint import RulesetError

from .support import run_function


@pytest.mark.parametrize("value", [True, 1, [], {}])
def test_it_accepts_truthy_values_javascript_style(value):
    assert run_function("truthy", value) == []


@pytest.mark.parametrize("value", [False, None, 0, ""])
def test_it_reports_falsy_values_for_truthy(value):
    assert run_function("truthy", value) == [{"path": [], "message": "The document must be truthy"}]


def test_it_names_the_missing_property_for_truthy():
    found = run_function("truthy", {"info": {}}, then={"field": "info.contact"})
    assert found == [{"path": ["info"], "message": '"info.contact" property must be truthy'}]


@pytest.mark.parametrize("value", [False, None, 0, ""])
def test_it_accepts_falsy_values_for_falsy(value):
    assert run_function("falsy", value) == []


@pytest.mark.parametrize("value", [True, 1, [], {}])
def test_it_reports_truthy_values_for_falsy(value):
    assert run_function("falsy", value) == [{"path": [], "message": "The document must be falsy"}]


@pytest.mark.parametrize("value", [True, 0, None])
def test_it_accepts_defined_values(value):
    assert run_function("defined", {"foo": value}, then={"field": "foo"}) == []


def test_it_reports_a_missing_property_for_defined():
    found = run_function("defined", {}, then={"field": "foo"})
    assert found == [{"path": [], "message": '"foo" property must be defined'}]


def test_it_reports_a_present_property_for_undefined_even_when_null():
    found = run_function("undefined", {"foo": None}, then={"field": "foo"})
    assert found == [{"path": ["foo"], "message": '"foo" property must be undefined'}]


def test_it_accepts_a_missing_property_for_undefined():
    assert run_function("undefined", {}, then={"field": "foo"}) == []


@pytest.mark.parametrize("name", ["truthy", "falsy", "defined", "undefined"])
@pytest.mark.parametrize("options", [{}, 2])
def test_it_refuses_options_for_functions_without_any(name, options):
    with pytest.raises(RulesetError, match=f'"{name}" function does not accept any options'):
        run_function(name, {}, options)
