"""Fixtures of the usage tests: a Payments API with two versions on their own servers,
consumers with credentials, and an ingest token. Personas come from tests/conftest.py."""

import pytest

from accounts.models import Scope
from catalog.models import Lifecycle
from tests.api.conftest import _fresh_rate_limits, issue, persona  # noqa: F401 (fixtures)
from tests.factories import VersionFactory
from tests.usage.factories import ConsumerFactory, CredentialFactory, spec_with
from usage.services.partitions import partitions_forget

OPERATIONS = [
    ("get", "/refunds", "listRefunds"),
    ("post", "/refunds", "createRefund"),
    ("get", "/refunds/{refundId}", "getRefund"),
    ("get", "/refunds/search", "searchRefunds"),
]


@pytest.fixture(autouse=True)
def _no_partition_memory():
    # Partitions made in a rolled-back test transaction must be made again.
    partitions_forget()
    yield
    partitions_forget()


@pytest.fixture
def v1(api):
    """Payments 1.4.0, deprecated, served at https://api.example.com/payments/v1."""
    spec = spec_with(["https://api.example.com/payments/v1"], OPERATIONS)
    return VersionFactory(
        api=api, version="1.4.0", major=1, minor=4, lifecycle=Lifecycle.DEPRECATED, spec=spec
    )


@pytest.fixture
def v2(api):
    """Payments 2.0.0, released, at https://api.example.com/payments/v2."""
    spec = spec_with(["https://api.example.com/payments/v2"], OPERATIONS[:2])
    return VersionFactory(api=api, version="2.0.0", major=2, spec=spec)


@pytest.fixture
def orders(team):
    """A consumer with the credential `orders-client`."""
    consumer = ConsumerFactory(team=team, slug="orders", name="Orders service")
    CredentialFactory(consumer=consumer, value="orders-client")
    return consumer


@pytest.fixture
def billing(other_team):
    consumer = ConsumerFactory(team=other_team, slug="billing", name="Billing")
    CredentialFactory(consumer=consumer, value="billing-client")
    return consumer


@pytest.fixture
def ingest_secret(team) -> str:
    return issue(team=team, scopes=[Scope.INGEST])
