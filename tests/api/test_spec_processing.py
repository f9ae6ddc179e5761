"""The API after the worker has parsed a document, with the real parser (speclib)."""

from catalog.models import SpecDocument
from catalog.services import Actor, spec_process, version_attach_spec
from tests.api.conftest import PETS_JSON, api_client_for
from tests.factories import VersionFactory


def push(client, url: str):
    return client.put(url, PETS_JSON, content_type="application/json")


def test_it_answers_200_when_the_same_document_was_already_parsed(api, owner):
    client = api_client_for(owner)
    sha256 = push(client, "/api/v1/apis/payments/versions/1.0.0/spec").json()["sha256"]
    spec_process(spec_id=SpecDocument.objects.get(sha256=sha256).pk)

    again = push(client, "/api/v1/apis/payments/versions/1.1.0/spec")

    assert again.status_code == 200
    assert again.json()["status"] == "ready"
    assert again.json()["operations_count"] == 2
    assert SpecDocument.objects.count() == 1


def test_it_reads_what_the_worker_extracted(api, owner):
    spec = version_attach_spec(
        actor=Actor.system("test"),
        version=VersionFactory(api=api, version="1.0.0", major=1),
        content=PETS_JSON,
        filename="pets.json",
    )
    spec_process(spec_id=spec.pk)
    client = api_client_for(owner)

    body = client.get(f"/api/v1/specs/{spec.sha256}/").json()
    operations = client.get(f"/api/v1/specs/{spec.sha256}/operations/").json()["results"]

    assert (body["status"], body["format"], body["title"]) == ("ready", "json", "Pets")
    assert body["openapi_family"] == "3.1"
    assert body["servers"][0]["url"] == "https://pets.example.com/v1"
    assert [(op["method"], op["path"]) for op in operations] == [
        ("GET", "/pets"),
        ("POST", "/pets"),
    ]
