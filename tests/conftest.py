"""Personas shared by the tests (an owner, a teammate, an outsider, a reviewer, anonymous),
and the worker of the tests that run one."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from accounts.access import REVIEWERS_GROUP
from catalog.models import Membership
from tests.factories import ApiFactory, MembershipFactory, TeamFactory, UserFactory

pytest_plugins = ["tests.demo"]  # the `demo` fixture: the whole demo catalog, per module


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher is slow on purpose; tests sign in hundreds of personas.
    # Hashes made elsewhere (the demo's) still verify with the hashers after it.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        *settings.PASSWORD_HASHERS,
    ]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache outlives each test's rolled-back transaction: counts cached by one test
    # (the catalog facets) must not answer the next one.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def team(db):
    return TeamFactory(name="Payments", slug="payments")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Search", slug="search")


@pytest.fixture
def owner(team):
    return MembershipFactory(
        team=team, user=UserFactory(username="owner"), role=Membership.Role.OWNER
    ).user


@pytest.fixture
def teammate(team):
    return MembershipFactory(team=team, user=UserFactory(username="teammate")).user


@pytest.fixture
def outsider(other_team):
    return MembershipFactory(team=other_team, user=UserFactory(username="outsider")).user


@pytest.fixture
def reviewer(db):
    user = UserFactory(username="reviewer")
    user.groups.add(Group.objects.get_or_create(name=REVIEWERS_GROUP)[0])
    return user


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def api(team):
    return ApiFactory(team=team, slug="payments", name="Payments API", tags=["money"])


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def anonymous_read(settings):
    settings.PORTAL_ANONYMOUS_READ = True


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """PORTAL_TEST_DB_SUFFIX gives concurrent local runs their own test database."""
    import os

    from django.conf import settings

    suffix = os.environ.get("PORTAL_TEST_DB_SUFFIX")
    if suffix:
        test = settings.DATABASES["default"].setdefault("TEST", {})
        test["NAME"] = f"test_{settings.DATABASES['default']['NAME']}_{suffix}"


@pytest.fixture
def worker(worker_process, transactional_db):
    """The worker process of the test's module (`worker_process`, shared by its tests), idle
    again when the test ends: the database is flushed after the test (`transactional_db`
    tears down after this fixture), and a job still reading tables, such as the facet
    count a change schedules, would deadlock with the flush."""
    yield worker_process
    worker_process.wait_until_idle()
