"""Single sign-on is configured by environment: on with OIDC_RP_CLIENT_ID, off without."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.databases import database_url_for_tests

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db

PROBE = """
import json, django
django.setup()
from django.test import Client
client = Client()
login = client.get("/accounts/login/")
start = client.get("/oidc/authenticate/")
print(json.dumps({"login": login.content.decode(), "status": start.status_code,
                  "location": start.headers.get("Location", "")}))
"""


def _probe(**env: str) -> dict:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_sends_people_to_the_identity_provider_when_configured():
    result = _probe(
        OIDC_RP_CLIENT_ID="portal",
        OIDC_RP_CLIENT_SECRET="s3cret",
        OIDC_OP_AUTHORIZATION_ENDPOINT="https://sso.example.com/authorize",
        OIDC_OP_TOKEN_ENDPOINT="https://sso.example.com/token",
        OIDC_OP_USER_ENDPOINT="https://sso.example.com/userinfo",
        OIDC_OP_JWKS_ENDPOINT="https://sso.example.com/jwks",
    )

    assert result["status"] == 302
    assert result["location"].startswith("https://sso.example.com/authorize?")
    assert "client_id=portal" in result["location"]
    assert "single sign-on" in result["login"]


def test_it_has_no_sso_routes_without_configuration():
    result = _probe(OIDC_RP_CLIENT_ID="")

    assert result["status"] == 404
    assert "single sign-on" not in result["login"]
