"""A partner or public version is released through review, never by editing its lifecycle;
internal versions may still be released by hand."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import Audience, Lifecycle, Version
from catalog.services import Actor, version_create, version_update
from tests.api.conftest import api_client_for, assert_problem
from tests.conftest import client_for
from tests.factories import VersionFactory

ACTOR = Actor.system("test")
REFUSAL = "submit it for review"


def _version(api, audience: str, lifecycle: str = Lifecycle.DRAFT) -> Version:
    api.audience = audience
    api.save(update_fields=["audience"])
    return VersionFactory(api=api, version="1.0.0", major=1, lifecycle=lifecycle)


@pytest.mark.parametrize("audience", [Audience.PARTNER, Audience.PUBLIC])
@pytest.mark.parametrize("lifecycle", [Lifecycle.DRAFT, Lifecycle.IN_REVIEW])
def test_it_refuses_a_direct_release_of_a_partner_or_public_version(api, audience, lifecycle):
    version = _version(api, audience, lifecycle)

    with pytest.raises(ValidationError, match=REFUSAL) as refused:
        version_update(actor=ACTOR, version=version, lifecycle=Lifecycle.RELEASED)

    assert "lifecycle" in refused.value.message_dict
    version.refresh_from_db()
    assert version.lifecycle == lifecycle
    assert version.released_on is None


def test_it_lets_the_release_workflow_release_a_public_version(api):
    version = _version(api, Audience.PUBLIC, Lifecycle.IN_REVIEW)

    version = version_update(
        actor=ACTOR, version=version, lifecycle=Lifecycle.RELEASED, via_release=True
    )

    assert version.lifecycle == Lifecycle.RELEASED
    assert version.released_on is not None


def test_it_lets_an_internal_version_be_released_by_hand(api):
    version = _version(api, Audience.INTERNAL)

    version = version_update(actor=ACTOR, version=version, lifecycle=Lifecycle.RELEASED)

    assert version.lifecycle == Lifecycle.RELEASED


def test_it_lets_a_deprecated_public_version_be_released_again(api):
    version = _version(api, Audience.PUBLIC, Lifecycle.DEPRECATED)

    version = version_update(actor=ACTOR, version=version, lifecycle=Lifecycle.RELEASED)

    assert version.lifecycle == Lifecycle.RELEASED


def test_it_shows_the_refusal_as_a_form_error(api, owner):
    _version(api, Audience.PARTNER)

    response = client_for(owner).post(
        "/apis/payments/versions/1.0.0/edit/", {"lifecycle": Lifecycle.RELEASED}
    )

    assert response.status_code == 400  # the form page, shown again with its errors
    assert REFUSAL in response.content.decode()
    assert Version.objects.get().lifecycle == Lifecycle.DRAFT


def test_it_answers_the_refusal_as_a_problem_over_the_api(api, owner):
    _version(api, Audience.PUBLIC, Lifecycle.IN_REVIEW)

    response = api_client_for(owner).patch(
        "/api/v1/apis/payments/versions/1.0.0/", {"lifecycle": "released"}, format="json"
    )

    body = assert_problem(response, 400)
    assert REFUSAL in str(body["errors"]["lifecycle"])
    assert Version.objects.get().lifecycle == Lifecycle.IN_REVIEW


@pytest.mark.parametrize("lifecycle", [Lifecycle.RELEASED, Lifecycle.DEPRECATED])
def test_it_refuses_to_create_a_public_version_past_review(api, owner, lifecycle):
    api.audience = Audience.PUBLIC
    api.save(update_fields=["audience"])

    response = api_client_for(owner).post(
        "/api/v1/apis/payments/versions/",
        {"version": "2.0.0", "lifecycle": lifecycle},
        format="json",
    )

    assert REFUSAL in assert_problem(response, 400)["errors"]["lifecycle"][0]
    assert not Version.objects.exists()


def test_it_lets_the_portal_record_a_released_public_version(api):
    api.audience = Audience.PUBLIC
    api.save(update_fields=["audience"])

    # An import or the demo loader records history: a system actor, never a person or token.
    version = version_create(actor=ACTOR, api=api, version="1.0.0", lifecycle=Lifecycle.RELEASED)

    assert version.lifecycle == Lifecycle.RELEASED
