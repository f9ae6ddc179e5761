"""The OpenAPI functions check their options when a ruleset loads, as Spectral does."""

from __future__ import annotations

import pytest

from speclib.lint import RulesetError
from speclib.lint.functions import FUNCTIONS
from speclib.lint.functions._run import end_run, run_state

from .support import context_for, run_function


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("oasOpIdUnique", {"a": 1}, '"oasOpIdUnique" function does not accept any options'),
        ("oasExample", {"type": "other"}, '"oasExample" function and its "type" option accepts'),
        ("oasExample", {"oasVersion": 4}, '"oasExample" function and its "oasVersion" option'),
        ("oasSecurityDefined", {"oasVersion": 2, "x": 1}, 'does not support "x" option'),
        ("serverVariables", {"checkSubstitutions": "yes"}, "accepts only the following types"),
        ("oasSchema", {"schema": []}, '"oasSchema" function and its "schema" option accepts'),
    ],
)
def test_it_refuses_options_spectral_refuses(name, options, message):
    with pytest.raises(RulesetError) as raised:
        run_function(name, {}, options)
    assert message in str(raised.value)


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_it_exposes_an_options_check_for_every_function(name):
    function = FUNCTIONS[name]
    assert callable(function.validate_options)
    if function.options_schema is None:
        function.validate_options(None)
        with pytest.raises(RulesetError):
            function.validate_options({"unexpected": True})


def test_it_keeps_state_per_run_and_forgets_it_when_asked():
    first, second = {"a": 1}, {"a": 1}
    state = run_state(context_for(first))
    state["seen"] = True
    assert run_state(context_for(first)) is state
    assert "seen" not in run_state(context_for(second))
    end_run(first)
    assert "seen" not in run_state(context_for(first))
