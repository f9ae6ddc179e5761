"""Who may call each governance endpoint, persona by persona."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Scope
from governance.models import LintJob, RelintBatch, RulesetAssignment
from tests.api.conftest import api_client_for, assert_problem, issue
from tests.governance.factories import LintRunFactory, RulesetRevisionFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["owner", "teammate", "outsider", "reviewer", "admin_user", "anonymous"]
MANAGERS = {"reviewer", "admin_user"}


@pytest.fixture
def revision():
    return RulesetRevisionFactory(ruleset__slug="house-style", number=1)


@pytest.mark.parametrize("name", PEOPLE)
def test_it_lets_only_managers_read_rulesets(revision, persona, name):
    client = api_client_for(persona(name))
    for url in ("/api/v1/rulesets/", "/api/v1/rulesets/house-style/"):
        response = client.get(url)
        if name in MANAGERS:
            assert response.status_code == 200, response.content
        else:
            assert_problem(response, 401 if name == "anonymous" else 403)


@pytest.mark.parametrize("name", sorted(set(PEOPLE) - MANAGERS))
def test_it_refuses_ruleset_writes_to_others(revision, persona, name):
    client = api_client_for(persona(name))
    expected = 401 if name == "anonymous" else 403
    assert_problem(
        client.post("/api/v1/rulesets/", {"name": "X", "source": "rules: {}"}, format="json"),
        expected,
    )
    assert_problem(
        client.post("/api/v1/rulesets/house-style/revise/", {"source": "rules: {}"}, format="json"),
        expected,
    )
    assert_problem(
        client.post("/api/v1/ruleset-assignments/", {"ruleset": "house-style"}, format="json"),
        expected,
    )
    assert not RulesetAssignment.objects.exists()


def test_it_refuses_ruleset_management_to_a_token_even_an_admins(revision, admin_user):
    secret = issue(user=admin_user)
    client = api_client_for(secret=secret)
    assert_problem(client.get("/api/v1/rulesets/"), 403)
    assert_problem(client.get("/api/v1/relint-batches/"), 403)


@pytest.mark.parametrize("name", PEOPLE)
def test_it_lets_only_managers_see_assignments_and_relints(revision, persona, name, team):
    RulesetAssignment.objects.create(ruleset=revision.ruleset, scope="team", team=team)
    batch = RelintBatch.objects.create(ruleset=revision.ruleset, reason="revised", total=4, done=1)
    client = api_client_for(persona(name))
    for url in (
        "/api/v1/ruleset-assignments/",
        "/api/v1/relint-batches/",
        f"/api/v1/relint-batches/{batch.pk}/",
    ):
        response = client.get(url)
        if name in MANAGERS:
            assert response.status_code == 200
        else:
            assert_problem(response, 401 if name == "anonymous" else 403)


@pytest.mark.parametrize("name", PEOPLE)
def test_it_lets_catalog_readers_read_a_versions_lint(version, persona, name):
    LintRunFactory(spec=version.spec)
    response = api_client_for(persona(name)).get("/api/v1/apis/payments/versions/1.0.0/lint")
    if name == "anonymous":
        assert_problem(response, 401)
    else:
        assert response.status_code == 200


def test_it_lets_anonymous_read_a_versions_lint_when_the_catalog_is_open(version, anonymous_read):
    LintRunFactory(spec=version.spec)
    response = api_client_for().get("/api/v1/apis/payments/versions/1.0.0/lint")
    assert response.status_code == 200


def test_it_asks_for_the_read_scope_of_a_token(version, team):
    LintRunFactory(spec=version.spec)
    client = api_client_for(secret=issue(team=team, scopes=[Scope.WRITE_SPECS]))
    assert client.get("/api/v1/apis/payments/versions/1.0.0/lint").status_code == 200
    assert client.post("/api/v1/lint", b"", content_type="application/json").status_code == 400


def test_it_refuses_anonymous_lints_even_when_the_catalog_is_open(anonymous_read):
    response = api_client_for().post("/api/v1/lint", b"{}", content_type="application/json")
    assert_problem(response, 401)


@pytest.mark.parametrize("name", ["owner", "outsider", "reviewer", "anonymous"])
def test_it_shows_a_lint_job_to_its_poster_only(persona, name, owner):
    job = LintJob.objects.create(
        owner=f"user-{owner.pk}", expires_at=timezone.now() + timedelta(hours=1)
    )
    response = api_client_for(persona(name)).get(f"/api/v1/lint/jobs/{job.pk}")
    if name == "owner":
        assert response.status_code == 200
        assert response.json()["status"] == "queued"
    else:
        assert_problem(response, 401 if name == "anonymous" else 404)


@pytest.mark.parametrize("name", PEOPLE)
def test_it_lets_only_managers_remove_an_assignment(revision, persona, name, team):
    assignment = RulesetAssignment.objects.create(ruleset=revision.ruleset, scope="team", team=team)
    response = api_client_for(persona(name)).delete(f"/api/v1/ruleset-assignments/{assignment.pk}/")
    if name in MANAGERS:
        assert response.status_code == 204
        assert not RulesetAssignment.objects.exists()
        assert RelintBatch.objects.get().reason.endswith("assigned to Payments")
    else:
        assert_problem(response, 401 if name == "anonymous" else 403)
        assert RulesetAssignment.objects.exists()


def test_it_assigns_over_rest_per_scope(revision, reviewer, team):
    client = api_client_for(reviewer)
    for data in ({}, {"team": "payments"}, {"audience": "public"}):
        response = client.post(
            "/api/v1/ruleset-assignments/", {"ruleset": "house-style", **data}, format="json"
        )
        assert response.status_code == 201, response.content
    scopes = set(RulesetAssignment.objects.values_list("scope", flat=True))
    assert scopes == {"organisation", "team", "audience"}
    both = {"ruleset": "house-style", "team": "payments", "audience": "public"}
    assert_problem(client.post("/api/v1/ruleset-assignments/", both, format="json"), 400)
