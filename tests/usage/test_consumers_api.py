"""/api/v1/consumers/: reading, registering, credentials and declared uses, access."""

import pytest

from accounts.models import Scope
from tests.api.conftest import api_client_for, assert_problem, issue
from usage.models import Consumer, ConsumerCredential, DeclaredUse

pytestmark = pytest.mark.django_db
URL = "/api/v1/consumers/"


@pytest.mark.parametrize(("name", "status"), [("anonymous", 401), ("outsider", 200)])
def test_it_lists_consumers_to_catalog_readers(persona, orders, name, status):
    response = api_client_for(persona(name)).get(URL)
    assert response.status_code == status


def test_it_shows_a_consumer_with_credentials_and_uses(
    owner, v1, orders, django_assert_num_queries
):
    DeclaredUse.objects.create(consumer=orders, version=v1)
    client = api_client_for(owner)
    with django_assert_num_queries(5):  # session, user, consumer, credentials, uses
        body = client.get(f"{URL}orders/").json()
    assert body["team"] == "payments"
    assert [c["value"] for c in body["credentials"]] == ["orders-client"]
    assert body["declared_uses"][0] | {"id": 0, "created_at": ""} == {
        "id": 0,
        "api": "payments",
        "version": "1.4.0",
        "source": "manual",
        "note": "",
        "created_at": "",
    }


@pytest.mark.parametrize(
    ("name", "status"), [("anonymous", 401), ("outsider", 403), ("teammate", 201)]
)
def test_it_lets_team_members_register(persona, team, name, status):
    response = api_client_for(persona(name)).post(
        URL, {"slug": "checkout", "name": "Checkout", "team": "payments"}, format="json"
    )
    assert response.status_code == status, response.content
    assert Consumer.objects.filter(slug="checkout").exists() == (status == 201)


def test_it_refuses_a_slug_in_use_with_409(owner, orders):
    response = api_client_for(owner).post(
        URL, {"slug": "orders", "name": "Again", "team": "payments"}, format="json"
    )
    assert_problem(response, 409)


def test_a_team_token_declares_uses_and_adds_credentials(team, v1, orders):
    client = api_client_for(secret=issue(team=team))
    response = client.post(
        f"{URL}orders/uses/", {"api": "payments", "version": "1.4.0"}, format="json"
    )
    assert response.status_code == 201, response.content
    assert DeclaredUse.objects.get().source == "api"
    response = client.post(f"{URL}orders/credentials/", {"value": "k-2"}, format="json")
    assert response.status_code == 201
    assert ConsumerCredential.objects.filter(value="k-2", consumer=orders).exists()

    use = DeclaredUse.objects.get()
    assert client.delete(f"{URL}orders/uses/{use.pk}/").status_code == 204
    assert not DeclaredUse.objects.exists()


@pytest.mark.parametrize(
    "scopes", [[Scope.READ], [Scope.INGEST]], ids=["read token", "ingest token"]
)
def test_it_refuses_changes_without_the_write_scope(team, v1, orders, scopes):
    client = api_client_for(secret=issue(team=team, scopes=scopes))
    response = client.post(
        f"{URL}orders/uses/", {"api": "payments", "version": "1.4.0"}, format="json"
    )
    assert_problem(response, 403)


def test_it_refuses_another_teams_changes(outsider, v1, orders):
    response = api_client_for(outsider).post(
        f"{URL}orders/credentials/", {"value": "k-3"}, format="json"
    )
    assert_problem(response, 403)


def test_it_refuses_an_unknown_version(owner, orders):
    response = api_client_for(owner).post(
        f"{URL}orders/uses/", {"api": "payments", "version": "7.0.0"}, format="json"
    )
    assert_problem(response, 400)


def test_it_refuses_a_credential_already_taken(owner, orders, billing):
    response = api_client_for(owner).post(
        f"{URL}orders/credentials/", {"value": "billing-client"}, format="json"
    )
    assert_problem(response, 409)
