"""Which ruleset governs an API: team > audience > organisation default > built-in."""

import pytest
from django.core.exceptions import ValidationError

from catalog.models import AuditEvent
from catalog.services import Actor
from governance import selectors
from governance.models import RelintBatch, RulesetAssignment
from governance.services import ruleset_assign
from tests.callbacks import queued_tasks
from tests.factories import ApiFactory
from tests.governance.factories import RulesetRevisionFactory

pytestmark = pytest.mark.django_db


def assign(revision, **scope):
    return ruleset_assign(actor=Actor.system("test"), ruleset=revision.ruleset, **scope)


def test_it_uses_the_builtin_ruleset_when_nothing_is_assigned(api):
    assert selectors.ruleset_for_api(api) is None


def test_it_prefers_team_then_audience_then_organisation(api, team):
    organisation, audience, for_team = (RulesetRevisionFactory() for _ in range(3))
    assign(organisation, organisation=True)
    assert selectors.ruleset_for_api(api) == organisation

    assign(audience, audience=api.audience)
    assert selectors.ruleset_for_api(api) == audience
    assert selectors.ruleset_for_api(ApiFactory(audience="public")) == organisation

    assign(for_team, team=team)
    assert selectors.ruleset_for_api(api) == for_team


def test_it_follows_the_latest_revision_of_an_assigned_ruleset(api):
    first = RulesetRevisionFactory(number=1)
    assign(first, organisation=True)
    second = RulesetRevisionFactory(ruleset=first.ruleset, number=2)

    assert selectors.ruleset_for_api(api) == second


def test_it_replaces_and_removes_a_scope_assignment(api, team, django_capture_on_commit_callbacks):
    old, new = RulesetRevisionFactory(), RulesetRevisionFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        assign(old, team=team)
        assign(new, team=team)
        assign(new, team=team)  # no change: no re-lint
    assert RulesetAssignment.objects.get(team=team).ruleset == new.ruleset
    assert RelintBatch.objects.count() == 2
    assert len(queued_tasks(callbacks)) == 2  # each re-lint is queued once the change commits

    ruleset_assign(actor=Actor.system("test"), ruleset=None, team=team)
    assert not RulesetAssignment.objects.exists()
    assert selectors.ruleset_for_api(api) is None
    assert AuditEvent.objects.filter(action="ruleset.assign").count() == 3


@pytest.mark.parametrize(
    "scope",
    [{}, {"organisation": True, "audience": "public"}, {"audience": "galactic"}],
)
def test_it_refuses_a_scope_that_is_not_exactly_one(scope):
    with pytest.raises(ValidationError):
        assign(RulesetRevisionFactory(), **scope)
    assert not RulesetAssignment.objects.exists()
