"""The consumer pages and the unattributed traffic page: access, queries, forms."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.conftest import client_for
from tests.factories import UserFactory
from tests.usage.factories import ConsumerFactory, CredentialFactory
from usage.models import Consumer, ConsumerCredential, DeclaredUse
from usage.services import usage_ingest_batch

pytestmark = pytest.mark.django_db


def _url(name: str, *args) -> str:
    from django.urls import reverse

    return reverse(f"usage:{name}", args=args)


@pytest.mark.parametrize(
    ("name", "status"), [("anonymous", 302), ("outsider", 200), ("owner", 200)]
)
@pytest.mark.parametrize("page", ["consumer-list", "unattributed"])
def test_it_shows_reading_pages_to_catalog_readers(persona, orders, page, name, status):
    assert client_for(persona(name)).get(_url(page)).status_code == status


def test_it_shows_reading_pages_to_anonymous_readers_when_allowed(anonymous_read, orders):
    assert client_for(None).get(_url("consumer-detail", "orders")).status_code == 200


def test_it_lists_consumers_in_constant_queries(owner, team, django_assert_num_queries):
    for n in range(5):
        CredentialFactory(consumer=ConsumerFactory(team=team, slug=f"c{n}"))
    client = client_for(owner)
    client.get(_url("consumer-list"))  # sessions and caches warmed
    with django_assert_num_queries(4):  # session, user, memberships, consumers
        response = client.get(_url("consumer-list"))
    assert response.content.count(b"<tr>") == 6


def test_it_filters_consumers_by_credential(owner, orders, billing):
    response = client_for(owner).get(_url("consumer-list"), {"q": "billing-client"})
    assert b"Billing" in response.content and b"Orders service" not in response.content


def test_it_shows_a_consumer_with_its_calls(owner, v1, orders, django_assert_num_queries):
    when = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    usage_ingest_batch(
        events=[
            {
                "timestamp": when,
                "method": "GET",
                "host": "api.example.com",
                "path": "/payments/v1/refunds",
                "credential": "orders-client",
            }
        ]
    )
    client = client_for(owner)
    client.get(_url("consumer-detail", "orders"))
    # session, user, consumer, memberships, credentials, uses, calls, versions to declare
    with django_assert_num_queries(8):
        response = client.get(_url("consumer-detail", "orders"))
    assert b"Payments API 1.4.0" in response.content
    assert b"orders-client" in response.content


@pytest.mark.parametrize(("name", "status"), [("anonymous", 302), ("loner", 403), ("owner", 302)])
def test_it_lets_only_team_members_register(persona, team, name, status):
    user = UserFactory(username="loner") if name == "loner" else persona(name)
    data = {"name": "Checkout", "slug": "checkout", "team": team.pk}
    response = client_for(user).post(_url("consumer-create"), data)
    assert response.status_code == status
    assert Consumer.objects.filter(slug="checkout").exists() == (name == "owner")


def test_it_refuses_a_team_the_person_is_not_in(outsider, team):
    data = {"name": "Checkout", "slug": "checkout", "team": team.pk}
    response = client_for(outsider).post(_url("consumer-create"), data)
    assert response.status_code == 400
    assert not Consumer.objects.exists()


@pytest.mark.parametrize(
    ("name", "allowed"), [("outsider", False), ("teammate", True), ("admin_user", True)]
)
def test_it_lets_the_team_change_credentials_and_uses(persona, v1, orders, name, allowed):
    client = client_for(persona(name))
    client.post(_url("credential-create", "orders"), {"kind": "key_id", "value": "k-9"})
    client.post(_url("use-create", "orders"), {"version": v1.pk})
    assert ConsumerCredential.objects.filter(value="k-9").exists() == allowed
    assert DeclaredUse.objects.filter(consumer=orders, version=v1).exists() == allowed


def test_it_refuses_a_credential_of_another_consumer(owner, orders, billing):
    response = client_for(owner).post(
        _url("credential-create", "orders"),
        {"kind": "client_id", "value": "billing-client"},
        follow=True,
    )

    assert "already exists" in response.content.decode()
    assert list(ConsumerCredential.objects.filter(value="billing-client")) == [
        billing.credentials.get(value="billing-client")
    ]


def test_it_revokes_a_credential_and_removes_a_use(owner, v1, orders):
    credential = orders.credentials.get()
    use = DeclaredUse.objects.create(consumer=orders, version=v1)
    client = client_for(owner)
    client.post(_url("credential-revoke", "orders", credential.pk))
    client.post(_url("use-delete", "orders", use.pk))
    credential.refresh_from_db()
    assert credential.revoked_at is not None
    assert not DeclaredUse.objects.exists()


CATALOG_INFO = b"""apiVersion: backstage.io/v1alpha1
kind: Component
metadata: {name: orders}
spec:
  type: service
  consumesApis: [payments-v1, "api:default/payments", ghost-api]
---
kind: API
metadata: {name: payments}
"""


def test_it_imports_backstage_consumes_apis(owner, v1, v2, orders):
    upload = SimpleUploadedFile("catalog-info.yaml", CATALOG_INFO)
    response = client_for(owner).post(
        _url("backstage-upload", "orders"), {"file": upload}, follow=True
    )

    versions = set(DeclaredUse.objects.values_list("version__version", "source"))
    assert versions == {("1.4.0", "backstage"), ("2.0.0", "backstage")}
    assert b"ghost-api" in response.content


def test_it_skips_comment_only_parts_and_huge_version_suffixes(owner, v1, v2, orders):
    content = (
        b"# Licensed under Apache-2.0\n---\n"
        + CATALOG_INFO.replace(b"ghost-api", b"payments-v" + b"9" * 5000)
        + b"---\n# the end\n"
    )
    upload = SimpleUploadedFile("catalog-info.yaml", content)
    response = client_for(owner).post(
        _url("backstage-upload", "orders"), {"file": upload}, follow=True
    )

    assert response.status_code == 200
    assert DeclaredUse.objects.count() == 2


def test_it_refuses_a_backstage_file_that_is_not_yaml(owner, orders):
    upload = SimpleUploadedFile("catalog-info.yaml", b"kind: [unclosed")
    response = client_for(owner).post(
        _url("backstage-upload", "orders"), {"file": upload}, follow=True
    )
    assert b"Nothing was imported" in response.content
    assert not DeclaredUse.objects.exists()


def test_it_shows_unattributed_traffic(owner, v1):
    when = (timezone.now() - datetime.timedelta(minutes=1)).isoformat()
    usage_ingest_batch(
        events=[
            {"timestamp": when, "method": "GET", "host": "old.example.com", "path": "/v0/x"},
            {"timestamp": when, "method": "GET", "path": "/payments/v1/x", "credential": "k-1"},
        ]
    )
    response = client_for(owner).get(_url("unattributed"))
    assert b"old.example.com /v0/x" in response.content
    assert b"k-1" in response.content
