"""factory_boy factories for governance; each makes a valid, saved object."""

import hashlib

import factory

from catalog.models import SpecDocument
from governance.models import LintFinding, LintRun, Ruleset, RulesetRevision
from tests.factories import UserFactory

RULESET_YAML = """rules:
  info-contact:
    description: Every API names who to contact.
    given: $.info
    severity: warn
    then: {field: contact, function: truthy}
"""


class SpecDocumentFactory(factory.django.DjangoModelFactory[SpecDocument]):
    """A parsed document (status ready); `content` is a small valid OpenAPI 3.1 document."""

    class Meta:
        model = SpecDocument

    content = factory.Sequence(
        lambda n: (
            b'{"openapi": "3.1.0", "info": {"title": "Pets", "version": "1.0.%d"}, "paths": {}}' % n
        )
    )
    sha256 = factory.LazyAttribute(lambda spec: hashlib.sha256(spec.content).hexdigest())
    size = factory.LazyAttribute(lambda spec: len(spec.content))
    filename = "pets.json"
    status = SpecDocument.Status.READY
    syntax = SpecDocument.Syntax.JSON


class RulesetFactory(factory.django.DjangoModelFactory[Ruleset]):
    class Meta:
        model = Ruleset

    name = factory.Sequence(lambda n: f"Style guide {n}")
    slug = factory.Sequence(lambda n: f"style-{n}")
    created_by = factory.SubFactory(UserFactory)


class RulesetRevisionFactory(factory.django.DjangoModelFactory[RulesetRevision]):
    """A revision saved without the engine's check: for tests about storage, not rules."""

    class Meta:
        model = RulesetRevision

    ruleset = factory.SubFactory(RulesetFactory)
    number = factory.Sequence(lambda n: n + 1)
    source = RULESET_YAML
    sha256 = factory.LazyAttribute(lambda rev: hashlib.sha256(rev.source.encode()).hexdigest())


class LintRunFactory(factory.django.DjangoModelFactory[LintRun]):
    class Meta:
        model = LintRun

    spec = factory.SubFactory(SpecDocumentFactory)
    revision = None
    builtin = "portal:recommended"
    engine_version = "test"
    status = LintRun.Status.DONE
    score = 100


class LintFindingFactory(factory.django.DjangoModelFactory[LintFinding]):
    class Meta:
        model = LintFinding

    run = factory.SubFactory(LintRunFactory)
    code = "operation-description"
    severity = 1
    message = "Operation must have a description."
    path = factory.LazyFunction(lambda: ["paths", "/pets", "get"])
    start_line = 4
    start_character = 4
    end_line = 6
    end_character = 20
