"""Helpers for the REST API tests: an APIClient per persona, tokens, a small spec."""

import json

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from accounts.models import Scope
from accounts.tokens import token_issue
from catalog.services import Actor

PETS = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1.0.0"},
    "servers": [{"url": "https://pets.example.com/v1"}],
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "summary": "List pets",
                "responses": {"200": {"description": "ok"}},
            },
            "post": {
                "operationId": "addPet",
                "summary": "Add a pet",
                "responses": {"201": {"description": "created"}},
            },
        }
    },
}
PETS_JSON = json.dumps(PETS).encode()
PETS_YAML = b"""openapi: 3.0.3
info: {title: Pets, version: 1.0.0}
paths:
  /pets:
    get: {operationId: listPets, summary: List pets, responses: {'200': {description: ok}}}
"""
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Throttle counters live in the cache; one test's writes must not slow the next.
    cache.clear()
    yield
    cache.clear()


def api_client_for(user=None, *, secret: str | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    if secret is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def issue(*, team=None, user=None, scopes=(Scope.READ, Scope.WRITE_SPECS), **extra) -> str:
    """A token's secret, issued through the service as the tokens page does."""
    issued = token_issue(
        actor=Actor.system("test"),
        name="ci",
        scopes=list(scopes),
        team=team,
        user=user,
        **extra,
    )
    return issued.secret


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://")
    assert body["title"] and body["detail"]
    return body


@pytest.fixture
def persona(request):
    """The user of a persona fixture by name, or None for anonymous."""

    def get(name: str):
        return None if name == "anonymous" else request.getfixturevalue(name)

    return get
