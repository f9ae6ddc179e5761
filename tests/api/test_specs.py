"""/api/v1/specs/: what was uploaded and what the worker read from it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Operation, SpecDocument
from catalog.services import Actor, version_attach_spec
from tests.api.conftest import PETS_JSON, PETS_YAML, api_client_for, assert_problem, issue
from tests.factories import VersionFactory


def stored(api, content: bytes, version: str = "1.0.0") -> SpecDocument:
    target = VersionFactory(api=api, version=version, major=int(version[0]))
    return version_attach_spec(
        actor=Actor.system("test"), version=target, content=content, filename="pets.json"
    )


def with_operations(spec: SpecDocument, count: int) -> SpecDocument:
    """Stands for the worker's result where the test is about reading it back."""
    Operation.objects.bulk_create(
        Operation(spec=spec, position=n, method="GET", path=f"/things/{n}", summary=f"Thing {n}")
        for n in range(count)
    )
    SpecDocument.objects.filter(pk=spec.pk).update(status="ready", title="Pets", syntax="json")
    return spec


@pytest.mark.parametrize("name", ["owner", "teammate", "outsider", "reviewer", "admin_user"])
def test_it_lets_every_signed_in_persona_read_specs(api, persona, name):
    spec = with_operations(stored(api, PETS_JSON), 2)
    client = api_client_for(persona(name))

    body = client.get(f"/api/v1/specs/{spec.sha256}/").json()

    assert body["status"] == "ready"
    assert body["operations_count"] == 2
    assert body["error"] is None
    assert body["links"]["content"].endswith(f"/api/v1/specs/{spec.sha256}/content")


def test_it_asks_anonymous_to_authenticate(api):
    spec = stored(api, PETS_JSON)
    assert_problem(api_client_for().get(f"/api/v1/specs/{spec.sha256}/"), 401)


def test_it_shows_why_a_document_failed(api, owner):
    spec = stored(api, PETS_JSON)
    SpecDocument.objects.filter(pk=spec.pk).update(
        status="failed", error_code="invalid-yaml", error="Bad indent", error_line=3
    )

    body = api_client_for(owner).get(f"/api/v1/specs/{spec.sha256}/").json()

    assert body["error"] == {"code": "invalid-yaml", "message": "Bad indent", "line": 3}


def test_it_lists_operations_in_document_order_by_page(api, owner):
    spec = with_operations(stored(api, PETS_JSON), 30)

    page = api_client_for(owner).get(f"/api/v1/specs/{spec.sha256}/operations/?page_size=10")

    body = page.json()
    assert body["count"] == 30
    assert [op["path"] for op in body["results"]][:2] == ["/things/0", "/things/1"]
    assert body["next"].endswith("page=2&page_size=10")


def test_it_returns_the_original_bytes_with_an_etag(api, owner):
    spec = with_operations(stored(api, PETS_JSON), 0)
    client = api_client_for(owner)

    response = client.get(f"/api/v1/specs/{spec.sha256}/content", HTTP_ACCEPT="application/yaml")

    assert response.status_code == 200
    assert response.content == PETS_JSON
    assert response["Content-Type"] == "application/json"
    assert response["ETag"] == f'"{spec.sha256}"'
    again = client.get(f"/api/v1/specs/{spec.sha256}/content", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_it_answers_404_for_an_unknown_document(owner):
    client = api_client_for(owner)
    unknown = "0" * 64

    assert_problem(client.get(f"/api/v1/specs/{unknown}/"), 404)
    assert_problem(client.get(f"/api/v1/specs/{unknown}/content"), 404)
    assert_problem(client.get(f"/api/v1/specs/{unknown}/operations/"), 404)
    assert_problem(client.get("/api/v1/specs/not-a-sha/"), 404)


def test_it_filters_the_list_with_the_spec_filterset(api, owner):
    ready = with_operations(stored(api, PETS_JSON), 1)
    pending = stored(api, PETS_YAML, version="2.0.0")
    client = api_client_for(owner)

    def shas(query: str) -> list[str]:
        return [row["sha256"] for row in client.get(f"/api/v1/specs/{query}").json()["results"]]

    assert shas("?status=ready") == [ready.sha256]
    assert shas("?status=pending") == [pending.sha256]
    assert shas(f"?sha256={pending.sha256}") == [pending.sha256]


@pytest.mark.parametrize("count", [3, 12])
def test_it_lists_without_loading_the_bytes_in_constant_queries(api, count):
    for number in range(count):
        with_operations(stored(api, b'{"openapi": "3.1.0", "n": %d}' % number, f"{number}.0.0"), 2)
    client = api_client_for(secret=issue(team=api.team, scopes=["read"]))

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/specs/?page_size=50")

    assert len(response.json()["results"]) == count
    page_query = queries.captured_queries[-1]["sql"]
    assert '"catalog_specdocument"."content"' not in page_query
    assert len(queries) == 4  # the token and its last use, count, page


def test_it_reads_specs_with_a_read_token(api, team):
    spec = stored(api, PETS_JSON)
    client = api_client_for(secret=issue(team=team, scopes=["read"]))

    assert client.get(f"/api/v1/specs/{spec.sha256}/").status_code == 200
    assert client.get(f"/api/v1/specs/{spec.sha256}/content").content == PETS_JSON
