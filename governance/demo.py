"""Demo governance for the demo catalog: the organisation adopts the portal's recommended
ruleset, and the Payments team keeps its own on top of it, revised once (so the rulesets pages
have a history, a diff between revisions, assignments and finished re-lints to show).

Run after load_demo, as the governance reviewer would; every step goes through the services,
so each one is audited and starts a re-lint, which is run here. Safe to rerun."""

import contextlib

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max

from catalog.models import Team
from catalog.services.audit import Actor
from governance.models import LintRun, RelintBatch, Ruleset
from governance.services.relint import relint_batch_run
from governance.services.rulesets import (
    ruleset_adopt_recommended,
    ruleset_assign,
    ruleset_create,
    ruleset_revise,
)
from governance.services.runs import lint_execute

TEAM_RULESET = "payments-style"

FIRST = """\
# The Payments team's style guide: the organisation's rules, and what moving money needs.
extends: [portal:recommended]
rules:
  payments-post-idempotency-key:
    description: Every POST takes an Idempotency-Key header, so a client can retry it safely.
    message: 'POST operations must accept an "Idempotency-Key" header.'
    severity: warn
    given: "$.paths[*].post"
    then:
      field: parameters
      function: schema
      functionOptions:
        schema:
          type: array
          contains:
            type: object
            required: [name, in]
            properties:
              name: {const: Idempotency-Key}
              in: {const: header}
"""
# The second revision makes it an error and links the team's guide.
SECOND = FIRST.replace("severity: warn", "severity: error").replace(
    "    then:\n",
    "    documentationUrl: https://docs.example.com/payments/style#idempotency\n    then:\n",
)


def rulesets_demo_load() -> dict:
    """Adopts the recommended ruleset as the organisation default and gives Payments its own
    ruleset (two revisions). Does nothing if the team ruleset exists already.

    Each step commits on its own, and its re-lint is run here before the next step, as if days
    passed between them: a batch waits for every unfinished run of the rules governing each
    API when it starts, so batches started back to back would all wait for the same runs.
    """
    if Ruleset.objects.filter(slug=TEAM_RULESET).exists():
        return {"loaded": False}
    reviewer = get_user_model().objects.filter(username="reviewer").first()
    actor = Actor.of_user(reviewer) if reviewer else Actor.system("governance demo loader")
    with _relinted():
        ruleset_adopt_recommended(actor=actor)
    with _relinted(), transaction.atomic():
        ruleset = ruleset_create(
            actor=actor,
            name="Payments style guide",
            slug=TEAM_RULESET,
            description="The organisation's rules, plus idempotent POSTs for moving money.",
            source=FIRST,
        )
        ruleset_assign(actor=actor, ruleset=ruleset, team=Team.objects.get(slug="payments"))
    with _relinted():
        ruleset_revise(
            actor=actor,
            ruleset=ruleset,
            source=SECOND,
            note="A retry without a key paid a supplier twice: an error from now on.",
        )
    return {"loaded": True, "rulesets": Ruleset.objects.count()}


@contextlib.contextmanager
def _relinted():
    """Runs the re-lint batches the block recorded, once it has committed, with their lint
    runs (their queued tasks then find everything claimed and do nothing)."""
    before = RelintBatch.objects.aggregate(top=Max("pk"))["top"] or 0
    yield
    for batch in RelintBatch.objects.filter(pk__gt=before).order_by("pk"):
        relint_batch_run(batch_id=batch.pk)
        for run_id in batch.runs.filter(status=LintRun.Status.QUEUED).values_list("pk", flat=True):
            lint_execute(run_id=run_id)
