"""unreferencedReusableObject: reusable objects that no $ref points at."""

from __future__ import annotations

import pytest

from speclib.lint import RulesetError

from .support import run_rule

ORPHAN = "Potential orphaned reusable object has been detected"


def _unused(document, location="#/definitions", given="$.definitions"):
    rule = {
        "given": given,
        "resolved": False,
        "then": {
            "function": "unreferencedReusableObject",
            "functionOptions": {"reusableObjectsLocation": location},
        },
    }
    return run_rule(rule, document)


def test_it_reports_objects_no_reference_points_at():
    document = {
        "definitions": {"a": {}, "b": {"$ref": "#/definitions/a"}, "c d": {}, "e": {}},
        "paths": {"x": {"$ref": "#/definitions/c%20d"}},
    }
    assert _unused(document) == [
        {"path": ["definitions", "b"], "message": ORPHAN},
        {"path": ["definitions", "e"], "message": ORPHAN},
    ]


def test_it_counts_only_references_to_the_object_itself():
    document = {
        "definitions": {"a": {"properties": {"x": {}}}},
        "y": {"$ref": "#/definitions/a/properties/x"},
    }
    assert _unused(document) == [{"path": ["definitions", "a"], "message": ORPHAN}]


def test_it_ignores_a_target_that_is_not_an_object():
    assert _unused({"definitions": "nope"}) == []


@pytest.mark.parametrize("location", ["foo", 2])
def test_it_refuses_a_location_that_is_not_a_pointer(location):
    with pytest.raises(RulesetError, match="support only valid JSON Pointer fragments"):
        _unused({}, location=location)
