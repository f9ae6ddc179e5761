"""Settings come from the environment, fail loudly, and are all documented."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent


def test_it_documents_every_setting_in_the_env_example():
    read = set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', (ROOT / "portal/settings.py").read_text()))
    documented = set(
        re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / "docker/.env.example").read_text(), re.MULTILINE)
    )
    assert read, "no settings found: the pattern is wrong"
    assert read - documented == set()


@pytest.mark.parametrize(("reader", "value"), [(env_bool, "maybe"), (env_int, "ten")])
def test_it_refuses_a_bad_value(monkeypatch, reader, value):
    monkeypatch.setenv("PORTAL_TEST_VALUE", value)
    with pytest.raises(ImproperlyConfigured, match="PORTAL_TEST_VALUE"):
        reader("PORTAL_TEST_VALUE", 1)


def test_it_reads_secrets_from_files(monkeypatch, tmp_path):
    secret = tmp_path / "port"
    secret.write_text("8443\n")
    monkeypatch.setenv("PORTAL_TEST_VALUE_FILE", str(secret))
    assert env_int("PORTAL_TEST_VALUE", 1) == 8443


def test_it_refuses_to_start_on_a_database_other_than_postgresql():
    env = {**os.environ, "DATABASE_URL": "sqlite:///portal.db"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "PostgreSQL is the only database" in result.stderr


def test_lint_tasks_follow_the_default_queue_unless_given_their_own():
    base = {k: v for k, v in os.environ.items() if not k.endswith("_QUEUE")}

    def lint_route(**extra: str) -> str:
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); " + PRINT_LINT_ROUTE],
            env={**base, "DJANGO_SETTINGS_MODULE": "portal.settings", **extra},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert lint_route() == "celery"
    assert lint_route(CELERY_TASK_DEFAULT_QUEUE="staging") == "staging"
    assert lint_route(CELERY_TASK_DEFAULT_QUEUE="staging", PORTAL_LINT_QUEUE="lint") == "lint"


PRINT_LINT_ROUTE = (
    "from django.conf import settings; "
    "print(settings.CELERY_TASK_ROUTES['governance.tasks.*']['queue'])"
)
