"""Fixtures of the governance tests; the personas come from tests/conftest.py."""

import pytest

from catalog.models import Version
from tests.api.conftest import _fresh_rate_limits, persona  # noqa: F401 (fixtures)
from tests.factories import VersionFactory
from tests.governance.factories import SpecDocumentFactory


@pytest.fixture
def version(api) -> Version:
    """Version 1.0.0 of the Payments API, with a parsed spec."""
    return VersionFactory(api=api, version="1.0.0", major=1, spec=SpecDocumentFactory())
