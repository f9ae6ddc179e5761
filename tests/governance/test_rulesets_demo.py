"""load_rulesets_demo: the organisation adopts the recommended ruleset, and the Payments team
keeps its own on top of it, revised once; as the governance reviewer, through the services."""

from django.core.management import call_command

import speclib.lint as speclint
from catalog.models import AuditEvent
from governance import engine
from governance.demo import FIRST, SECOND
from governance.models import RelintBatch, Ruleset, RulesetAssignment
from tests.governance.release_factories import PETS_V1, released


def test_it_assigns_the_default_and_the_payments_ruleset_once(team, api, reviewer):
    released(api, "1.0.0", PETS_V1)

    for _ in range(2):  # safe to rerun
        call_command("load_rulesets_demo")

    assignments = {
        (a.scope, a.team and a.team.slug): a.ruleset.slug for a in RulesetAssignment.objects.all()
    }
    assert assignments == {
        ("organisation", None): "portal-recommended",
        ("team", "payments"): "payments-style",
    }
    revisions = Ruleset.objects.get(slug="payments-style").revisions.order_by("number")
    assert [(r.number, r.source) for r in revisions] == [(1, FIRST), (2, SECOND)]
    assert "A retry without a key" in revisions[1].note
    actors = set(AuditEvent.objects.filter(action__startswith="ruleset.").values_list("actor"))
    assert actors == {(reviewer.pk,)}
    # Each step's batch started before the next step, so each waits for its own run only.
    batches = RelintBatch.objects.order_by("pk")
    assert [(b.reason, b.total) for b in batches] == [
        ("Portal recommended assigned to organisation", 1),
        ("Payments style guide assigned to Payments", 1),
        ("Payments style guide revised (r2)", 1),
    ]
    assert all(b.finished_at and b.done == 1 for b in batches)
    runs = [b.runs.get() for b in batches]
    assert [(run.spec_id, run.revision.ruleset.slug, run.revision.number) for run in runs] == [
        (api.versions.get().spec_id, "portal-recommended", 1),
        (api.versions.get().spec_id, "payments-style", 1),
        (api.versions.get().spec_id, "payments-style", 2),
    ]


SPEC = b"""openapi: 3.0.3
info: {title: Pay, version: 1.0.0, x-audience: internal, description: Pay., contact: {name: p}}
servers: [{url: 'https://pay.example.com'}]
tags: [{name: pay, description: Pay.}]
paths:
  /payments:
    post:
      tags: [pay]
      operationId: createPayment
      summary: Pay
      description: Pays.
      parameters: [{name: limit, in: query, schema: {type: integer}}]
      responses: {'201': {description: Paid.}}
"""


def team_findings(spec: bytes, source: str) -> list[tuple[str, int]]:
    report = speclint.lint(spec, engine.ruleset_load(source))
    return [(f.code, f.severity) for f in report.findings if f.code.startswith("payments-")]


def test_its_team_rule_wants_an_idempotency_key_on_each_post_a_warning_then_an_error():
    assert team_findings(SPEC, FIRST) == [("payments-post-idempotency-key", 1)]
    assert team_findings(SPEC, SECOND) == [("payments-post-idempotency-key", 0)]
    keyed = SPEC.replace(b"name: limit, in: query", b"name: Idempotency-Key, in: header")
    assert team_findings(keyed, SECOND) == []
