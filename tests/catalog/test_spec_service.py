import re

import pytest
from django.core.exceptions import ValidationError

from catalog.models import SpecDocument
from catalog.services import spec_process, spec_store, version_attach_spec, version_create
from catalog.services.audit import Actor
from tests.callbacks import queued_tasks

pytestmark = pytest.mark.django_db

NUL_SPEC = (
    b'{"openapi": "3.1.0", "info": {"title": "T\\u0000", "version": "1.0.0"},'
    b' "paths": {"/a": {"get": {"summary": "bad\\u0000byte", "responses": {"200":'
    b' {"description": "ok", "content": {"text/plain": {"example": "x\\u0000"}}}}}}}}'
)


def test_it_stores_a_document_with_nul_characters(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():  # the worker's job is run inline below
        spec = spec_store(content=NUL_SPEC, filename="nul.json", actor=Actor.system())
    spec_process(spec_id=spec.pk)

    spec.refresh_from_db()
    assert spec.status == SpecDocument.Status.READY, spec.error
    assert spec.title == "T\ufffd"
    assert spec.operations.get().summary == "bad\ufffdbyte"


def test_it_stores_the_same_bytes_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        first = spec_store(content=NUL_SPEC, filename="a.json", actor=Actor.system())
        second = spec_store(content=NUL_SPEC, filename="b.json", actor=Actor.system())

    assert first.pk == second.pk
    assert len(queued_tasks(callbacks)) == 1  # one parse job, not two


def test_it_refuses_a_document_that_is_not_openapi():
    with pytest.raises(ValidationError, match="not an OpenAPI"):
        spec_store(content=b"name: just yaml\n", filename="x.yaml", actor=Actor.system())
    assert not SpecDocument.objects.exists()


ORDERED_SPEC = b"""openapi: 3.0.3
info: {title: Orders, version: 1.0.0}
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                id: {type: string}
                customer_reference: {type: string}
                total: {type: number}
      responses: {'201': {description: created}}
"""


def test_it_keeps_the_order_of_schema_properties(
    django_capture_on_commit_callbacks, client, api, anonymous_read
):
    version = version_create(actor=Actor.system(), api=api, version="1.0.0", lifecycle="released")
    with django_capture_on_commit_callbacks():
        spec = version_attach_spec(
            actor=Actor.system(), version=version, content=ORDERED_SPEC, filename="o.yaml"
        )
    spec_process(spec_id=spec.pk)

    schema = spec.operations.get().detail["request_body"]["content"]["application/json"]
    assert schema["x-property-order"] == ["id", "customer_reference", "total"]
    page = client.get(f"/apis/{api.slug}/").content.decode()
    names = re.findall(r'<code class="prop-name">([^<]+)</code>', page)
    assert names == ["id", "customer_reference", "total"]
