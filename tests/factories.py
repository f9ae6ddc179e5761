"""factory_boy factories for the catalog; each makes a valid, saved object."""

import factory
from django.contrib.auth import get_user_model

from catalog.models import Api, Audience, Lifecycle, Membership, Team, Version

User = get_user_model()


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct-horse-battery")


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")
    email = factory.LazyAttribute(lambda team: f"{team.slug}@example.com")


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class ApiFactory(factory.django.DjangoModelFactory[Api]):
    class Meta:
        model = Api

    slug = factory.Sequence(lambda n: f"api-{n}")
    name = factory.Sequence(lambda n: f"API {n}")
    summary = "Manages things."
    team = factory.SubFactory(TeamFactory)
    audience = Audience.INTERNAL


class VersionFactory(factory.django.DjangoModelFactory[Version]):
    class Meta:
        model = Version

    api = factory.SubFactory(ApiFactory)
    major = factory.Sequence(lambda n: n + 1)
    minor = 0
    patch = 0
    version = factory.LazyAttribute(lambda v: f"{v.major}.{v.minor}.{v.patch}")
    lifecycle = Lifecycle.RELEASED
