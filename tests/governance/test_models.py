"""What the database itself guarantees about governance data."""

import pytest
from django.db import IntegrityError, transaction

from governance.models import LintRun, RulesetAssignment
from tests.governance.factories import (
    LintRunFactory,
    RulesetFactory,
    RulesetRevisionFactory,
    SpecDocumentFactory,
)

pytestmark = pytest.mark.django_db


def test_it_keeps_revisions_immutable():
    revision = RulesetRevisionFactory()
    revision.note = "rewritten"

    with pytest.raises(ValueError, match="immutable"):
        revision.save()


def test_it_refuses_two_revisions_with_one_number():
    revision = RulesetRevisionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RulesetRevisionFactory(ruleset=revision.ruleset, number=revision.number)


def test_it_stores_one_run_per_document_and_revision():
    run = LintRunFactory(revision=RulesetRevisionFactory(), builtin="")
    with pytest.raises(IntegrityError), transaction.atomic():
        LintRunFactory(spec=run.spec, revision=run.revision, builtin="")


def test_it_stores_one_run_per_document_and_builtin_ruleset():
    run = LintRunFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LintRunFactory(spec=run.spec)
    # Another engine version is another run: it may find other things.
    assert LintRunFactory(spec=run.spec, engine_version="next").pk


def test_it_refuses_a_run_with_both_or_no_ruleset():
    spec = SpecDocumentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        LintRun.objects.create(spec=spec, engine_version="x", builtin="")
    with pytest.raises(IntegrityError), transaction.atomic():
        LintRun.objects.create(
            spec=spec, engine_version="x", builtin="spectral:oas", revision=RulesetRevisionFactory()
        )


def test_it_keeps_one_assignment_per_scope(team):
    first, second = RulesetFactory(), RulesetFactory()
    RulesetAssignment.objects.create(ruleset=first, scope="organisation")
    RulesetAssignment.objects.create(ruleset=first, scope="team", team=team)
    RulesetAssignment.objects.create(ruleset=first, scope="audience", audience="public")
    for fields in (
        {"scope": "organisation"},
        {"scope": "team", "team": team},
        {"scope": "audience", "audience": "public"},
        {"scope": "team", "audience": "public"},  # fields that do not match the scope
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            RulesetAssignment.objects.create(ruleset=second, **fields)
