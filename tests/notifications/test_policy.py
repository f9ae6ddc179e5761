"""The deprecation policy: minimum notice per audience, refusals, admin overrides."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from catalog.models import Audience, AuditEvent, Lifecycle
from catalog.services import Actor
from catalog.services.versions import version_deprecate
from notifications.models import Milestone, Notice
from notifications.services.policy import notice_policy, notice_policy_set
from tests.conftest import client_for
from tests.factories import VersionFactory

pytestmark = pytest.mark.django_db


def _today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def released(api):
    api.audience = Audience.PARTNER
    api.save()
    return VersionFactory(api=api, version="1.0.0", major=1, released_on=_today())


def test_it_defaults_to_30_90_180_days():
    assert notice_policy() == {"internal": 30, "partner": 90, "public": 180}


def test_it_refuses_a_sunset_closer_than_the_audience_minimum(released, owner):
    with pytest.raises(ValidationError) as refused:
        version_deprecate(
            actor=Actor.of_user(owner),
            version=released,
            sunset_on=_today() + datetime.timedelta(days=89),
        )
    assert "at least 90 days" in str(refused.value)
    released.refresh_from_db()
    assert released.lifecycle == Lifecycle.RELEASED
    assert not Notice.objects.exists()


def test_it_accepts_the_minimum_and_writes_the_notices_in_the_same_transaction(released, owner):
    version = version_deprecate(
        actor=Actor.of_user(owner),
        version=released,
        sunset_on=_today() + datetime.timedelta(days=90),
        migration_note="Use 2.0.",
    )
    assert version.lifecycle == Lifecycle.DEPRECATED
    assert version.migration_note == "Use 2.0."
    milestones = set(Notice.objects.values_list("milestone", flat=True))
    # Ninety days ahead, the "90 days before" instant is today's midnight: already past.
    assert milestones == {
        Milestone.DEPRECATED,
        Milestone.DAYS_30,
        Milestone.DAYS_7,
        Milestone.DAYS_1,
        Milestone.SUNSET,
    }


def test_it_lets_an_admin_override_with_a_reason_and_audits_it(released, admin_user):
    version_deprecate(
        actor=Actor.of_user(admin_user),
        version=released,
        sunset_on=_today() + datetime.timedelta(days=10),
        override_reason="Security fix: the old version leaks tokens.",
    )
    event = AuditEvent.objects.get(action="version.notice_override")
    assert event.after["reason"] == "Security fix: the old version leaks tokens."
    assert event.after["notice"] == 10


def test_it_refuses_an_override_from_someone_not_admin(released, owner):
    with pytest.raises(ValidationError) as refused:
        version_deprecate(
            actor=Actor.of_user(owner),
            version=released,
            sunset_on=_today() + datetime.timedelta(days=10),
            override_reason="Hurry.",
        )
    assert "Only an admin" in str(refused.value)


def test_it_uses_the_policy_admins_set(released, owner, admin_user):
    notice_policy_set(actor=Actor.of_user(admin_user), audience="partner", minimum_days=5)
    version_deprecate(
        actor=Actor.of_user(owner),
        version=released,
        sunset_on=_today() + datetime.timedelta(days=5),
    )
    assert AuditEvent.objects.filter(action="notice_policy.update").count() == 1


def test_it_refuses_moving_a_sunset_closer_than_the_policy(released, owner):
    actor = Actor.of_user(owner)
    version = version_deprecate(
        actor=actor, version=released, sunset_on=_today() + datetime.timedelta(days=200)
    )
    with pytest.raises(ValidationError):
        version_deprecate(
            actor=actor, version=version, sunset_on=_today() + datetime.timedelta(days=20)
        )


@pytest.mark.parametrize(
    ("persona", "status"), [(None, 302), ("owner", 403), ("reviewer", 403), ("admin_user", 200)]
)
def test_it_lets_only_admins_open_the_policy_page(persona, status, request):
    user = request.getfixturevalue(persona) if persona else None
    assert client_for(user).get("/notifications/policy/").status_code == status


def test_it_saves_the_policy_from_its_page(admin_user):
    response = client_for(admin_user).post(
        "/notifications/policy/", {"internal": 14, "partner": 90, "public": 180}
    )
    assert response.status_code == 302
    assert notice_policy()["internal"] == 14


def test_it_audits_no_override_when_the_notice_was_long_enough(released, admin_user):
    version_deprecate(
        actor=Actor.of_user(admin_user),
        version=released,
        sunset_on=_today() + datetime.timedelta(days=120),
        override_reason="Not needed.",
    )
    assert not AuditEvent.objects.filter(action="version.notice_override").exists()
