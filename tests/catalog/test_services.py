import datetime

import pytest
from django.core.exceptions import ValidationError

from catalog.models import AuditEvent, Lifecycle, MetadataField, Version
from catalog.services import Actor, api_create, metadata_clean, version_create, version_update


@pytest.fixture
def actor(owner):
    return Actor.of_user(owner)


def test_it_creates_a_version_with_its_semver_parts_and_an_audit_event(api, actor):
    version = version_create(actor=actor, api=api, version="2.10.1-beta.2")

    assert (version.major, version.minor, version.patch, version.prerelease) == (2, 10, 1, "beta.2")
    event = AuditEvent.objects.get(action="version.create")
    assert event.actor_label == "owner"
    assert event.after["version"] == "2.10.1-beta.2"


@pytest.mark.parametrize("text", ["1.0", "v1.0.0", "01.0.0", "1.0.0+build", "latest", ""])
def test_it_refuses_a_version_that_is_not_semver(api, actor, text):
    with pytest.raises(ValidationError) as error:
        version_create(actor=actor, api=api, version=text)
    assert "semantic version" in str(error.value)
    assert not Version.objects.exists()


def test_it_refuses_a_duplicate_version(api, actor):
    version_create(actor=actor, api=api, version="1.0.0")
    with pytest.raises(ValidationError, match="already has a version 1.0.0"):
        version_create(actor=actor, api=api, version="1.0.0")
    assert Version.objects.count() == 1


def test_it_refuses_a_sunset_before_the_deprecation(api, actor):
    with pytest.raises(ValidationError, match="sunset date cannot be before"):
        version_create(
            actor=actor,
            api=api,
            version="1.0.0",
            lifecycle=Lifecycle.DEPRECATED,
            deprecated_on=datetime.date(2026, 6, 1),
            sunset_on=datetime.date(2026, 5, 1),
        )
    assert not Version.objects.exists()


def test_it_follows_the_lifecycle_and_stamps_dates(api, actor):
    version = version_create(actor=actor, api=api, version="1.0.0")
    version = version_update(actor=actor, version=version, lifecycle=Lifecycle.RELEASED)
    version = version_update(
        actor=actor,
        version=version,
        lifecycle=Lifecycle.DEPRECATED,
        sunset_on=datetime.date(2099, 1, 1),
    )

    assert version.released_on and version.deprecated_on
    api.refresh_from_db()
    assert api.lifecycles == ["deprecated"]
    assert api.next_sunset_on == datetime.date(2099, 1, 1)
    assert AuditEvent.objects.filter(action="version.lifecycle").count() == 2


def test_it_refuses_a_lifecycle_jump(api, actor):
    version = version_create(actor=actor, api=api, version="1.0.0")
    with pytest.raises(ValidationError, match="draft version cannot become retired"):
        version_update(actor=actor, version=version, lifecycle=Lifecycle.RETIRED)


def test_it_types_custom_metadata(db):
    MetadataField.objects.create(
        key="tier", label="Tier", kind="choice", choices=["gold", "silver"]
    )
    MetadataField.objects.create(key="pii", label="Handles PII", kind="boolean", required=True)

    assert metadata_clean({"tier": "gold", "pii": "yes"}) == {"tier": "gold", "pii": True}
    with pytest.raises(ValidationError) as error:
        metadata_clean({"tier": "bronze", "colour": "red"})
    assert set(error.value.message_dict) == {"metadata.tier", "metadata.pii", "metadata.colour"}


def test_it_normalises_tags_and_makes_the_api_searchable(team, owner):
    api = api_create(
        actor=Actor.of_user(owner),
        team=team,
        slug="ledger",
        name="Ledger",
        summary="Double-entry bookkeeping",
        tags=["Money ", "money", "Ledger"],
    )
    assert api.tags == ["ledger", "money"]
    from django.contrib.postgres.search import SearchQuery

    from catalog.models import Api

    assert Api.objects.filter(search_vector=SearchQuery("bookkeeping")).get() == api
