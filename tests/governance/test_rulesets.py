"""Rulesets are saved only when the engine can use them; each refusal says why."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import AuditEvent
from catalog.services import Actor
from governance.models import RelintBatch, Ruleset, RulesetRevision
from governance.services import ruleset_create, ruleset_revise
from tests.callbacks import queued_tasks

pytestmark = pytest.mark.django_db

GOOD = """rules:
  info-contact:
    description: Every API names who to contact.
    given: $.info
    severity: warn
    then: {field: contact, function: truthy}
"""

BAD = {
    "invalid YAML": ("rules: {a: [1, 2}\n", "YAML"),
    "unknown function": (
        "rules:\n  r:\n    given: $.info\n    then: {function: noSuchFunction}\n",
        "noSuchFunction",
    ),
    "bad JSONPath": (
        "rules:\n  r:\n    given: $..[?(@.type ==\n    then: {function: truthy}\n",
        "JSONPath",
    ),
    "catastrophic regex": (
        "rules:\n  r:\n    given: $.info.title\n"
        '    then: {function: pattern, functionOptions: {match: "^(a+)+$"}}\n',
        "(a+)+",
    ),
    "unknown extends": ("extends: [spectral:nothing]\nrules: {}\n", "spectral:nothing"),
    "not a mapping": ("- just\n- a list\n", "mapping"),
    "empty": ("   \n", "empty"),
}


def create(source: str, name: str = "House style") -> Ruleset:
    return ruleset_create(actor=Actor.system("test"), name=name, source=source)


def test_it_saves_a_valid_ruleset_as_revision_1():
    ruleset = create(GOOD)

    revision = ruleset.revisions.get()
    assert (ruleset.slug, revision.number, revision.source) == ("house-style", 1, GOOD)
    assert len(revision.sha256) == 64
    assert AuditEvent.objects.filter(action="ruleset.create").count() == 1


@pytest.mark.parametrize("case", list(BAD))
def test_it_refuses_a_bad_ruleset_with_the_engines_reason(case):
    source, words = BAD[case]
    with pytest.raises(ValidationError) as caught:
        create(source)

    message = " ".join(caught.value.message_dict["source"])
    assert message and "Traceback" not in message
    assert words in message
    assert not Ruleset.objects.exists()


def test_it_refuses_a_ruleset_over_the_size_limit():
    with pytest.raises(ValidationError, match="over the limit"):
        create(GOOD + "#" * 600_000)


def test_it_refuses_a_taken_name_or_reserved_slug():
    create(GOOD)
    with pytest.raises(ValidationError) as caught:
        create(GOOD)
    assert "name" in caught.value.message_dict
    with pytest.raises(ValidationError, match="reserved"):
        create(GOOD, name="New")


def test_it_revises_with_numbered_revisions_and_queues_a_relint(
    django_capture_on_commit_callbacks,
):
    ruleset = create(GOOD)
    with django_capture_on_commit_callbacks() as callbacks:
        revision = ruleset_revise(
            actor=Actor.system("test"), ruleset=ruleset, source=GOOD.replace("warn", "error")
        )

    assert revision.number == 2
    assert RelintBatch.objects.get().reason == "House style revised (r2)"
    assert len(queued_tasks(callbacks)) == 1


@pytest.mark.parametrize("source", [GOOD, BAD["unknown function"][0]])
def test_it_refuses_a_revision_that_is_unchanged_or_invalid(source):
    ruleset = create(GOOD)
    with pytest.raises(ValidationError):
        ruleset_revise(actor=Actor.system("test"), ruleset=ruleset, source=source)
    assert RulesetRevision.objects.count() == 1
    assert not RelintBatch.objects.exists()
