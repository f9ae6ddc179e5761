"""Comparing any two versions of an API: the changes by operation, the consumers of the older
version that the breaking ones reach, the changelog to download, and the refusals."""

import datetime

import pytest
from django.core.cache import cache

from catalog.models import SpecDocument
from governance import compare
from tests.api.conftest import api_client_for, assert_problem
from tests.conftest import client_for
from tests.governance.release_factories import (
    PETS_ADDITION,
    PETS_BREAKING,
    PETS_V1,
    draft,
    released,
)
from tests.governance.test_release_impact import calls
from tests.usage.factories import ConsumerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(api):
    """1.0.0, 1.1.0 (adds /owners) and 2.0.0 (also removes GET /pets/{id})."""
    return (
        released(api, "1.0.0"),
        released(api, "1.1.0", PETS_ADDITION),
        draft(api, "2.0.0", PETS_BREAKING),
    )


def test_it_compares_the_newest_version_with_the_one_before_by_default(versions, teammate):
    response = client_for(teammate).get("/governance/apis/payments/compare/")

    assert response.status_code == 200
    assert (response.context["base"].version, response.context["revision"].version) == (
        "1.1.0",
        "2.0.0",
    )
    assert response.context["comparison"].counts["breaking"] == 1
    groups = response.context["groups"]
    assert [change["id"] for change in groups["GET /pets/{id}"]] == [
        "api-path-removed-without-deprecation"
    ]
    page = response.content.decode()
    assert "<strong>1 breaking change</strong>" in page


def test_it_compares_any_two_versions_either_way(versions, teammate):
    response = client_for(teammate).get(
        "/governance/apis/payments/compare/?base=2.0.0&revision=1.0.0"
    )
    operations = set(response.context["groups"])
    assert operations == {"GET /owners", "GET /pets/{id}"}


def test_it_names_the_consumers_of_the_older_version_that_a_breaking_change_reaches(
    versions, team, teammate
):
    mobile = ConsumerFactory(slug="mobile", name="Mobile", team=team)
    web = ConsumerFactory(slug="web", name="Web", team=team)
    calls(versions[1], "GET /pets/{id}", 5, mobile)
    calls(versions[1], "GET /pets", 9, web)

    response = client_for(teammate).get("/governance/apis/payments/compare/")

    reached = response.context["impact"]["consumers"]
    assert [consumer["slug"] for consumer in reached] == ["mobile"]
    assert reached[0]["last_seen"] is not None  # a datetime, shown as "… ago"
    assert 'href="/usage/consumers/mobile/"' in response.content.decode()


def test_it_downloads_the_changelog_as_markdown(versions, teammate):
    response = client_for(teammate).get(
        "/governance/apis/payments/compare/?base=1.1.0&revision=2.0.0&format=md"
    )

    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == ('attachment; filename="payments-1.1.0-to-2.0.0.md"')
    assert "/pets/{id}" in response.content.decode()


def test_a_comparison_is_made_once_per_pair_of_documents(versions, teammate, monkeypatch):
    client = client_for(teammate)
    client.get("/governance/apis/payments/compare/")
    made = []
    monkeypatch.setattr(compare, "_compare", lambda *pair: made.append(pair))

    response = client.get("/governance/apis/payments/compare/")

    assert made == []  # answered from the cache
    assert response.context["comparison"].counts["breaking"] == 1


def test_it_refuses_the_same_version_twice_and_unknown_versions(versions, teammate):
    client = client_for(teammate)
    same = client.get("/governance/apis/payments/compare/?base=1.0.0&revision=1.0.0")
    unknown = client.get("/governance/apis/payments/compare/?base=0.9.0&revision=1.0.0")

    assert same.status_code == unknown.status_code == 200
    assert "Choose two different versions" in same.content.decode()
    assert "base" in unknown.context["form"].errors
    assert "comparison" not in same.context and "comparison" not in unknown.context


def test_versions_without_a_parsed_spec_are_not_offered(versions, teammate):
    SpecDocument.objects.filter(pk=versions[2].spec_id).update(status=SpecDocument.Status.FAILED)

    response = client_for(teammate).get("/governance/apis/payments/compare/")

    choices = [name for name, _ in response.context["form"].fields["base"].choices]
    assert choices == ["1.1.0", "1.0.0"]


def test_an_api_with_one_version_says_what_it_needs(api, teammate):
    released(api, "1.0.0")
    response = client_for(teammate).get("/governance/apis/payments/compare/")
    assert "needs two versions with a spec to compare" in response.content.decode()


def test_a_document_the_differ_refuses_is_a_message_not_an_error(versions, teammate):
    # A row written before today's upload checks: stored as parsed, but not OpenAPI.
    SpecDocument.objects.filter(pk=versions[0].spec_id).update(content=b"just: text\n")
    cache.clear()

    response = client_for(teammate).get(
        "/governance/apis/payments/compare/?base=1.0.0&revision=1.1.0"
    )

    assert response.status_code == 200
    assert response.context["comparison"].failed.startswith("The documents could not be compared")


def test_readers_sign_in_first(versions, client):
    assert client.get("/governance/apis/payments/compare/").status_code == 302
    assert client.get("/governance/apis/nothing/compare/").status_code == 302


def test_an_unknown_api_is_404(teammate):
    assert client_for(teammate).get("/governance/apis/nothing/compare/").status_code == 404


def test_the_api_page_and_the_migration_note_link_to_it(versions, teammate, api):
    old = versions[0]
    old.successor = versions[2]
    old.deprecated_on = datetime.date(2026, 1, 1)
    old.save()
    client = client_for(teammate)

    assert (
        'href="/governance/apis/payments/compare/"'
        in client.get("/apis/payments/").content.decode()
    )
    note = client.get("/notifications/apis/payments/versions/1.0.0/migration/").content.decode()
    assert 'href="/governance/apis/payments/compare/?base=1.0.0&amp;revision=2.0.0"' in note


def test_removals_of_deprecated_operations_count_apart_and_reach_their_callers(api, team, teammate):
    """Not breaking for a release (its consumers were warned), but whoever still calls a
    removed operation breaks: a migration has to see it."""
    deprecated = PETS_V1.replace(
        b"      operationId: getPet\n", b"      operationId: getPet\n      deprecated: true\n"
    )
    old = released(api, "1.0.0", deprecated)
    released(api, "2.0.0", PETS_BREAKING)
    late = ConsumerFactory(slug="late", name="Late", team=team)
    calls(old, "GET /pets/{id}", 3, late)

    response = client_for(teammate).get("/governance/apis/payments/compare/")

    comparison = response.context["comparison"]
    assert comparison.counts == {"breaking": 0, "removed": 1, "warning": 0, "info": 1}
    [removal] = response.context["groups"]["GET /pets/{id}"]
    assert removal["id"] == "api-path-removed-with-deprecation" and removal["removed"]
    assert [c["slug"] for c in response.context["impact"]["consumers"]] == ["late"]
    assert "1 removal of what was deprecated" in response.content.decode()


def test_the_api_compares_two_versions(versions, team, teammate):
    mobile = ConsumerFactory(slug="mobile", name="Mobile", team=team)
    calls(versions[1], "GET /pets/{id}", 5, mobile)

    response = api_client_for(teammate).get(
        "/api/v1/apis/payments/compare?base=1.1.0&revision=2.0.0"
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["base"], body["revision"]) == ("1.1.0", "2.0.0")
    assert body["counts"] == {"breaking": 1, "removed": 0, "warning": 0, "info": 0}
    assert body["changes"][0]["id"] == "api-path-removed-without-deprecation"
    assert [consumer["slug"] for consumer in body["impact"]["consumers"]] == ["mobile"]
    assert "/pets/{id}" in body["changelog"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("base=1.0.0", "revision"),
        ("base=1.0.0&revision=1.0.0", "non_field_errors"),
        ("base=0.1.0&revision=1.0.0", "base"),
    ],
)
def test_the_api_answers_bad_versions_with_a_problem(versions, teammate, query, field):
    response = api_client_for(teammate).get(f"/api/v1/apis/payments/compare?{query}")
    body = assert_problem(response, 400)
    assert field in body["errors"]


def test_the_api_answers_a_refused_document_with_422(versions, teammate):
    SpecDocument.objects.filter(pk=versions[0].spec_id).update(content=b"just: text\n")

    response = api_client_for(teammate).get(
        "/api/v1/apis/payments/compare?base=1.0.0&revision=1.1.0"
    )

    assert assert_problem(response, 422)["detail"].startswith("The documents could not be compared")


def test_the_api_needs_a_reader_and_a_known_api(versions, teammate):
    assert api_client_for().get(
        "/api/v1/apis/payments/compare?base=1.0.0&revision=1.1.0"
    ).status_code in (401, 403)
    assert_problem(
        api_client_for(teammate).get("/api/v1/apis/nothing/compare?base=1&revision=2"), 404
    )


def test_the_sunset_cockpit_links_to_the_changes_for_the_callers(versions, teammate):
    old = versions[0]
    old.successor = versions[2]
    old.deprecated_on = datetime.date(2026, 1, 1)
    old.save()

    page = client_for(teammate).get("/notifications/sunsets/payments/1.0.0/").content.decode()

    assert 'href="/governance/apis/payments/compare/?base=1.0.0&amp;revision=2.0.0"' in page


def test_other_parameters_alone_still_compare_the_defaults(versions, teammate):
    response = client_for(teammate).get("/governance/apis/payments/compare/?utm_source=mail")
    assert response.context["form"].errors == {}
    assert response.context["revision"].version == "2.0.0"
