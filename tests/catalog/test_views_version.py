"""A version's page: its lifecycle and dates, and the state of its spec while it is read."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Lifecycle, SpecDocument
from catalog.services import Actor, version_create
from catalog.views.common import EAGER_OPERATIONS
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
            for n in range(30)  # still below EAGER_OPERATIONS: every detail in the page
        )
        content = SPEC.replace(b"components:\n", extra.encode() + b"components:\n")
    version_with_spec(api, content=content)

    # Session, user, version (with API, team, successor), its spec, operation count,
    # operations, predecessors, the reader's teams.
    with django_assert_num_queries(8):
        response = reader.get(URL)
    assert response.context["operation_count"] == (3 if operations == "few" else 33)


def spec_with_operations(total: int) -> bytes:
    paths = "".join(
        f"  /items{n}:\n    get:\n      summary: Item {n}\n      responses:\n"
        f"        '200':\n          description: ok\n          content:\n"
        f"            application/json:\n              schema: {{type: object, properties: "
        f"{{name{n}: {{type: string}}}}}}\n"
        for n in range(total)
    )
    return b"openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n" + paths.encode()


def test_it_loads_the_details_of_a_large_specs_operations_as_they_open(reader, api):
    version_with_spec(api, content=spec_with_operations(EAGER_OPERATIONS + 1))

    html = reader.get(URL).content.decode()

    assert f"Ready: {EAGER_OPERATIONS + 1} operations" in html
    assert html.count('<details class="operation"') == EAGER_OPERATIONS + 1
    assert (
        'hx-get="/apis/payments/versions/1.0.0/operations/3/" hx-trigger="toggle once" '
        'hx-target="find .operation-body" hx-swap="innerHTML"'
    ) in html
    # Without JavaScript, the operation opens on a page of its own.
    assert '<a href="/apis/payments/versions/1.0.0/operations/3/">' in html
    assert "name3" not in html


def test_it_renders_a_small_specs_operations_in_the_page(reader, api):
    version_with_spec(api, content=spec_with_operations(EAGER_OPERATIONS))
    html = reader.get(URL).content.decode()
    assert 'hx-trigger="toggle once"' not in html
    assert '<code class="prop-name">name3</code>' in html


def test_it_shows_an_operation_on_its_own_page_and_as_a_fragment(reader, api):
    version_with_spec(api)
    url = "/apis/payments/versions/1.0.0/operations/0/"

    page = reader.get(url).content.decode()
    fragment = reader.get(url, headers={"HX-Request": "true"}).content.decode()

    assert "<html" in page and '<code class="op-path">/payments/{id}</code>' in page
    assert '<code class="prop-name">amount</code>' in page
    assert "<html" not in fragment and "<h1" not in fragment
    assert '<code class="prop-name">amount</code>' in fragment
    assert reader.get("/apis/payments/versions/1.0.0/operations/99/").status_code == 404


def test_it_answers_404_for_an_operation_of_a_version_without_a_spec(reader, api):
    version_create(actor=ACTOR, api=api, version="1.0.0")
    assert reader.get("/apis/payments/versions/1.0.0/operations/0/").status_code == 404
