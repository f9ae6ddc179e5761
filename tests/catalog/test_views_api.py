"""An API's page: who owns it, its links and metadata, its versions, its documentation."""

import datetime

import pytest
from django.utils import timezone

from catalog.models import Lifecycle, MetadataField
from catalog.services import Actor, api_update, version_create, version_update
from tests.catalog.view_helpers import version_with_spec
from tests.conftest import client_for

ACTOR = Actor.system("test")


@pytest.fixture
def reader(outsider):
    return client_for(outsider)


def page(client, slug="payments"):
    response = client.get(f"/apis/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_owner_contact_links_tags_and_metadata(reader, api, team):
    team.chat_channel, team.chat_url = "#payments", "https://chat.example.com/payments"
    team.save()
    MetadataField.objects.create(key="tier", label="Service tier", kind="choice", choices=["1"])
    MetadataField.objects.create(key="pii", label="Handles personal data", kind="boolean")
    api_update(
        actor=ACTOR,
        api=api,
        repository_url="https://git.example.com/payments",
        docs_url="https://docs.example.com/payments",
        runbook_url="https://runbooks.example.com/payments",
        metadata={"tier": "1", "pii": False},
    )

    html = page(reader)

    assert '<a href="/teams/payments/">Payments</a>' in html
    assert '<a href="mailto:payments@example.com">' in html
    assert '<a href="https://chat.example.com/payments">#payments</a>' in html
    assert '<a href="https://git.example.com/payments">Repository</a>' in html
    assert '<a href="https://docs.example.com/payments">Documentation</a>' in html
    assert '<a href="https://runbooks.example.com/payments">Runbook</a>' in html
    assert '<a class="tag" href="/?tag=money">money</a>' in html
    assert "<dt>Service tier</dt><dd>1</dd>" in html
    assert "<dt>Handles personal data</dt><dd>No</dd>" in html


def test_it_renders_the_description_as_markdown_without_scripts_or_script_links(reader, api):
    api_update(
        actor=ACTOR,
        api=api,
        description=(
            "Take **payments**.\n\n<script>alert('owned')</script>\n\n"
            '[click](javascript:alert(1)) <a href="JAVASCRIPT:alert(2)" onclick="x()">b</a> '
            "[docs](https://docs.example.com)"
        ),
    )

    html = page(reader)

    assert "<strong>payments</strong>" in html
    assert "alert(" not in html and "<script>alert" not in html
    assert "javascript:" not in html.lower() and "onclick" not in html
    assert '<a href="https://docs.example.com" rel="noopener noreferrer nofollow">docs</a>' in html


def test_it_lists_versions_newest_first_with_dates_countdowns_and_successors(reader, api):
    sunset = timezone.localdate() + datetime.timedelta(days=40)
    old = version_create(actor=ACTOR, api=api, version="1.0.0", lifecycle=Lifecycle.RELEASED)
    new = version_create(actor=ACTOR, api=api, version="2.0.0", lifecycle=Lifecycle.RELEASED)
    version_create(actor=ACTOR, api=api, version="2.1.0-beta.1")
    version_update(
        actor=ACTOR, version=old, lifecycle=Lifecycle.DEPRECATED, sunset_on=sunset, successor=new
    )

    response = reader.get("/apis/payments/")
    html = response.content.decode()

    assert [v.version for v in response.context["versions"]] == ["2.1.0-beta.1", "2.0.0", "1.0.0"]
    assert html.index(">2.1.0-beta.1</a>") < html.index(">2.0.0</a>") < html.index(">1.0.0</a>")
    assert "sunsets in 40 days" in html
    assert 'Superseded by <a href="/apis/payments/versions/2.0.0/">2.0.0</a>' in html
    # The newest *released* version is documented, not the newer draft.
    assert response.context["shown_version"].version == "2.0.0"


def test_it_documents_the_spec_of_the_latest_released_version(reader, api):
    version_with_spec(api, lifecycle=Lifecycle.RELEASED)

    html = page(reader)

    assert "Ready: 3 operations" in html
    assert '<a class="button" href="/apis/payments/versions/1.0.0/spec" download>' in html
    assert '<h3 id="tag-1">payments</h3>' in html and "<em>in</em>" in html
    assert '<h3 id="tag-2">Other</h3>' in html
    assert '<span class="method method-get">GET</span>' in html
    assert '<code class="op-path">/payments/{id}</code>' in html
    assert '<span class="badge deprecated-marker">Deprecated</span>' in html
    assert "<code>https://api.example.com/v1</code> — Production" in html


def test_it_shows_operation_parameters_bodies_and_responses_with_schemas(reader, api):
    version_with_spec(api)

    html = page(reader)

    # Parameters: a required path parameter and a deprecated query parameter with an enum.
    assert '<code>id</code> <span class="required">required</span>' in html
    assert "<td>string (uuid)</td>" in html
    assert '<code>expand</code> <span class="flag">deprecated</span>' in html
    assert "One of: <code>refunds</code>, <code>customer</code>" in html
    # The request body and the responses, with the schema named after its component.
    assert 'Request body <span class="required">required</span>' in html
    assert '<span class="status status-2xx">200</span>' in html
    assert '<span class="status status-4xx">404</span>' in html
    assert '<p class="schema-type">Payment</p>' in html
    assert '<code class="prop-name">amount</code> <span class="prop-type">integer</span>' in html
    assert "Payment (circular reference)" in html


def test_it_uses_details_elements_for_operations(reader, api):
    version_with_spec(api)
    html = page(reader)
    assert html.count('<details class="operation') == 3
    assert '<details class="operation is-deprecated" id="op-1">' in html


def test_it_says_when_there_is_no_version_or_no_spec(reader, api):
    assert "This API has no versions yet." in page(reader)
    version_create(actor=ACTOR, api=api, version="1.0.0")
    assert "Version 1.0.0 has no spec document yet." in page(reader)


def test_it_lists_the_ten_most_recent_changes(reader, api):
    for number in range(12):
        version_create(actor=ACTOR, api=api, version=f"1.{number}.0")

    response = reader.get("/apis/payments/")

    changes = list(response.context["changes"])
    assert len(changes) == 10
    assert changes[0].target_label == "Payments API 1.11.0"
    assert "added version" in response.content.decode()


def test_it_shows_the_manage_forms_only_to_the_owning_team(api, owner, outsider):
    assert "Edit API" in page(client_for(owner))
    assert "New version" in page(client_for(owner))
    assert 'href="#manage-title"' in page(client_for(owner))  # from the top of a long page
    html = page(client_for(outsider))
    assert "Edit API" not in html and "New version" not in html
    assert "manage-title" not in html


@pytest.mark.parametrize("versions", [1, 8])
def test_it_reads_the_api_page_in_a_constant_number_of_queries(
    reader, api, versions, django_assert_num_queries
):
    for number in range(versions - 1):
        version_create(actor=ACTOR, api=api, version=f"0.{number}.0", lifecycle="released")
    version_with_spec(api, version="9.0.0", lifecycle=Lifecycle.RELEASED)
    MetadataField.objects.create(key="tier", label="Tier")

    # Session, user, API, versions, their specs, operation count, operations,
    # metadata fields, recent changes, the reader's teams.
    with django_assert_num_queries(10):
        reader.get("/apis/payments/")


def test_it_downloads_the_original_spec_bytes(reader, api):
    version_with_spec(api)

    response = reader.get("/apis/payments/versions/1.0.0/spec")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml"
    assert response["Content-Disposition"] == 'attachment; filename="payments-1.0.0.yaml"'
    from tests.catalog.view_helpers import SPEC

    assert response.content == SPEC


def test_it_downloads_a_json_spec_as_json(reader, api):
    content = b'{"openapi": "3.0.3", "info": {"title": "T", "version": "1"}, "paths": {}}'
    version_with_spec(api, content=content)

    response = reader.get("/apis/payments/versions/1.0.0/spec")

    assert response["Content-Type"] == "application/json"
    assert response.content == content


def test_it_answers_404_for_a_version_without_a_spec(reader, api):
    version_create(actor=ACTOR, api=api, version="1.0.0")
    assert reader.get("/apis/payments/versions/1.0.0/spec").status_code == 404


def test_it_documents_the_version_the_reader_picks(reader, api):
    version_with_spec(api, version="1.0.0", lifecycle=Lifecycle.RELEASED)
    version_create(actor=ACTOR, api=api, version="2.0.0", lifecycle=Lifecycle.RELEASED)

    assert reader.get("/apis/payments/").context["shown_version"].version == "2.0.0"
    html = reader.get("/apis/payments/?version=1.0.0").content.decode()
    assert "of version 1.0.0" in html and "Ready: 3 operations" in html
    # An unknown version falls back to the default rather than failing.
    assert reader.get("/apis/payments/?version=9.9.9").context["shown_version"].version == "2.0.0"
