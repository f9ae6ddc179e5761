"""A version's page: its lifecycle and dates, and the state of its spec while it is read."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Lifecycle, SpecDocument
from catalog.services import Actor, version_create
from tests.catalog.view_helpers import version_with_spec
from tests.conftest import client_for

ACTOR = Actor.system("test")
URL = "/apis/payments/versions/1.0.0/"
POLL = {"HX-Request": "true", "HX-Target": "spec"}


@pytest.fixture
def reader(reviewer):
    return client_for(reviewer)


def test_it_shows_the_lifecycle_dates_and_countdown(reader, api):
    sunset = timezone.localdate() + datetime.timedelta(days=12)
    successor = version_create(actor=ACTOR, api=api, version="2.0.0", lifecycle="released")
    version_create(
        actor=ACTOR,
        api=api,
        version="1.0.0",
        lifecycle=Lifecycle.DEPRECATED,
        released_on=datetime.date(2025, 1, 2),
        deprecated_on=datetime.date(2026, 3, 4),
        sunset_on=sunset,
        successor=successor,
        notes="Fixes **everything**.",
    )

    html = reader.get(URL).content.decode()

    assert 'lifecycle-deprecated">Deprecated<' in html
    assert '<time datetime="2025-01-02">2 January 2025</time>' in html
    assert '<time datetime="2026-03-04">4 March 2026</time>' in html
    assert "sunsets in 12 days" in html
    assert '<a href="/apis/payments/versions/2.0.0/">2.0.0</a>' in html
    assert "<strong>everything</strong>" in html


def test_it_documents_the_version_spec(reader, api):
    version_with_spec(api)
    html = reader.get(URL).content.decode()
    assert "Ready: 3 operations" in html
    assert '<code class="op-path">/payments/{id}</code>' in html


@pytest.mark.parametrize(
    "status, text", [("pending", "Queued"), ("processing", "Parsing…")], ids=["queued", "parsing"]
)
def test_it_polls_its_status_while_the_spec_is_read(reader, api, status, text):
    version = version_with_spec(api, parse=False)
    SpecDocument.objects.filter(pk=version.spec_id).update(status=status)

    page = reader.get(URL).content.decode()
    fragment = reader.get(URL, headers=POLL)

    assert text in page
    assert 'hx-get="/apis/payments/versions/1.0.0/" hx-trigger="every 1s"' in page
    body = fragment.content.decode()
    assert body.lstrip().startswith('<section id="spec"')
    assert "<html" not in body and text in body and 'hx-trigger="every 1s"' in body


def test_it_stops_polling_and_shows_the_documentation_once_ready(reader, api):
    version = version_with_spec(api, parse=False)
    assert 'hx-trigger="every 1s"' in reader.get(URL, headers=POLL).content.decode()

    from catalog.services import spec_process

    spec_process(spec_id=version.spec_id)
    body = reader.get(URL, headers=POLL).content.decode()

    assert "hx-trigger" not in body
    assert "Ready: 3 operations" in body
    assert '<code class="op-path">/payments/{id}</code>' in body


def test_it_shows_the_parse_error_with_its_line(reader, api):
    version = version_with_spec(api, parse=False)
    SpecDocument.objects.filter(pk=version.spec_id).update(
        status=SpecDocument.Status.FAILED, error="Unexpected mapping end.", error_line=7
    )

    body = reader.get(URL, headers=POLL).content.decode()

    assert "The spec could not be read: Unexpected mapping end. (line 7)" in body
    assert "hx-trigger" not in body


def test_it_answers_other_htmx_requests_with_the_whole_page(reader, api):
    version_with_spec(api)
    assert "<html" in reader.get(URL, headers={"HX-Request": "true"}).content.decode()


def test_it_polls_from_the_api_page_too(reader, api):
    version_with_spec(api, parse=False)
    html = reader.get("/apis/payments/").content.decode()
    assert 'hx-get="/apis/payments/versions/1.0.0/" hx-trigger="every 1s"' in html


@pytest.mark.parametrize("operations", ["few", "many"])
def test_it_reads_the_version_page_in_a_constant_number_of_queries(
    reader, api, operations, django_assert_num_queries
):
    from tests.catalog.view_helpers import SPEC

    content = SPEC
    if operations == "many":
        extra = "".join(
            f"  /extra{n}:\n    get:\n      responses:\n        '200': {{description: ok}}\n"
            for n in range(30)
        )
        content = SPEC.replace(b"components:\n", extra.encode() + b"components:\n")
    version_with_spec(api, content=content)

    # Session, user, version (with API, team, successor), its spec, operations,
    # predecessors, the reader's teams.
    with django_assert_num_queries(7):
        response = reader.get(URL)
    assert response.context["operation_count"] == (3 if operations == "few" else 33)
