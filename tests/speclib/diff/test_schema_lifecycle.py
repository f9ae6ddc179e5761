"""Deprecated properties, sunsets and stability levels in schema comparisons."""

from __future__ import annotations

from datetime import date

from speclib.diff.options import DiffOptions
from speclib.diff.schemas import SchemaContext, SchemaSite, schema_changes

BODY = SchemaSite("request-body", media_type="application/json")
TODAY = date(2030, 1, 1)


def ids(base: object, revision: object, **options: object) -> list[str]:
    ctx = SchemaContext(options=DiffOptions(today=TODAY, **options))
    return [change.id for change in schema_changes(ctx, base, revision, site=BODY)]


def prop(**keywords: object) -> dict:
    return {"type": "object", "properties": {"old": {"type": "string", **keywords}}}


def test_it_reports_a_deprecated_property_for_the_changelog() -> None:
    assert ids(prop(), prop(deprecated=True)) == ["request-property-deprecated"]


def test_it_asks_for_a_sunset_when_the_policy_wants_notice() -> None:
    assert ids(prop(), prop(deprecated=True), deprecation_days_stable=90) == [
        "request-property-deprecated-sunset-missing"
    ]


def test_it_refuses_a_sunset_closer_than_the_notice() -> None:
    revision = prop(deprecated=True, **{"x-sunset": "2030-02-01"})
    assert ids(prop(), revision, deprecation_days_stable=90) == [
        "request-property-sunset-date-too-small"
    ]


def test_it_accepts_a_sunset_far_enough_away() -> None:
    revision = prop(deprecated=True, **{"x-sunset": "2031-01-01"})
    assert ids(prop(), revision, deprecation_days_stable=90) == [
        "request-property-deprecated-with-sunset"
    ]


def test_it_reports_a_property_that_became_less_stable() -> None:
    base, revision = prop(**{"x-stability-level": "stable"}), prop(**{"x-stability-level": "beta"})
    assert ids(base, revision) == ["request-property-stability-decreased"]
