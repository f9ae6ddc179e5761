"""The whole demo as test data: loaded once per test module, rolled back after it.

Any test may ask for ``demo`` (tests/conftest.py loads this module as a plugin). The
loaders' tasks are not handed to a broker (their on-commit callbacks are captured and
dropped); the lint runs they request are run here, in this process, so that the pages have
findings to show."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import TestCase

from governance.models import LintRun
from governance.services.runs import lint_execute

WEBHOOK_SECRET = "whsec_" + "A" * 43 + "="


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        with TestCase.captureOnCommitCallbacks(execute=False):
            call_command("load_demo", "--sync", stdout=out)
            call_command("load_usage_demo", stdout=out)
            call_command("load_rulesets_demo", stdout=out)
            call_command("load_releases_demo", stdout=out)
            call_command("load_notices_demo", webhook="http://127.0.0.1:9/", secret=WEBHOOK_SECRET)
            for run_id in LintRun.objects.filter(status=LintRun.Status.QUEUED).values_list(
                "pk", flat=True
            ):
                lint_execute(run_id=run_id)
        yield
        transaction.set_rollback(True)
