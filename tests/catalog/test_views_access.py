"""Who may open each catalog page and use each form, persona by persona."""

import pytest
from django.urls import reverse

from catalog.models import Api, Lifecycle, Version
from tests.catalog.view_helpers import version_with_spec
from tests.conftest import client_for

READERS = ["owner", "teammate", "outsider", "reviewer", "admin_user"]
EDITORS = ["owner", "teammate", "admin_user"]
NOT_EDITORS = ["outsider", "reviewer"]


@pytest.fixture
def version(api):
    return version_with_spec(api)


def read_urls() -> list[str]:
    return [
        reverse("catalog:api-list"),
        reverse("catalog:api-detail", args=["payments"]),
        reverse("catalog:version-detail", args=["payments", "1.0.0"]),
        reverse("catalog:version-spec", args=["payments", "1.0.0"]),
        reverse("catalog:operation-detail", args=["payments", "1.0.0", 0]),
        reverse("catalog:team-list"),
        reverse("catalog:team-detail", args=["payments"]),
    ]


def write_urls() -> list[str]:
    return [
        reverse("catalog:api-edit", args=["payments"]),
        reverse("catalog:version-create", args=["payments"]),
        reverse("catalog:version-edit", args=["payments", "1.0.0"]),
        reverse("catalog:version-spec-upload", args=["payments", "1.0.0"]),
    ]


def persona(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize("name", READERS)
def test_it_shows_every_catalog_page_to_anyone_signed_in(request, version, name):
    client = client_for(persona(request, name))
    for url in read_urls():
        assert client.get(url).status_code == 200, url


def test_it_sends_anonymous_readers_to_sign_in(version, client):
    for url in [*read_urls(), reverse("catalog:my-apis")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next=")


def test_it_shows_the_catalog_to_anonymous_readers_when_the_setting_allows(
    version, client, anonymous_read
):
    for url in read_urls():
        assert client.get(url).status_code == 200, url
    # Personal and editing pages still need a person.
    assert client.get(reverse("catalog:my-apis")).status_code == 302
    for url in write_urls():
        assert client.get(url).status_code == 302, url


def test_it_sends_an_htmx_request_to_sign_in_as_a_whole_page(client):
    response = client.get(
        "/?q=pay", headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/?q=pa"}
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("login") + "?next=/%3Fq%3Dpa"


@pytest.mark.parametrize("name", READERS)
def test_it_shows_my_apis_to_anyone_signed_in(request, name):
    assert client_for(persona(request, name)).get(reverse("catalog:my-apis")).status_code == 200


@pytest.mark.parametrize("name", EDITORS)
def test_it_opens_the_forms_to_the_owning_team_and_admins(request, version, name):
    client = client_for(persona(request, name))
    for url in write_urls():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("name", NOT_EDITORS)
def test_it_refuses_the_forms_to_people_outside_the_team(request, version, name):
    client = client_for(persona(request, name))
    for url in write_urls():
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "Taken", "version": "9.9.9"}).status_code == 403, url
    assert Api.objects.get().name == "Payments API"
    assert list(Version.objects.values_list("version", flat=True)) == ["1.0.0"]


@pytest.mark.parametrize("name", ["anonymous", *NOT_EDITORS])
def test_it_refuses_posts_from_outside_the_team(request, version, name, anonymous_read):
    client = client_for(persona(request, name))
    response = client.post(
        reverse("catalog:version-edit", args=["payments", "1.0.0"]),
        {"lifecycle": Lifecycle.RELEASED},
    )
    if name == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    else:
        assert response.status_code == 403
    assert Version.objects.get().lifecycle == Lifecycle.DRAFT


@pytest.mark.parametrize("name", EDITORS)
def test_it_lets_the_owning_team_post(request, version, name):
    response = client_for(persona(request, name)).post(
        reverse("catalog:version-create", args=["payments"]), {"version": "1.1.0"}
    )
    assert response.status_code == 302
    assert Version.objects.filter(version="1.1.0").exists()


def test_it_answers_404_for_unknown_apis_versions_and_teams(owner):
    client = client_for(owner)
    for url in [
        "/apis/nope/",
        "/apis/nope/versions/1.0.0/",
        "/apis/nope/versions/1.0.0/spec",
        "/apis/nope/edit/",
        "/teams/nope/",
    ]:
        assert client.get(url).status_code == 404, url
