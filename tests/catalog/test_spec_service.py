import pytest
from django.core.exceptions import ValidationError

from catalog.models import SpecDocument
from catalog.services import spec_process, spec_store
from catalog.services.audit import Actor

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
    assert len(callbacks) == 1  # one parse job, not two


def test_it_refuses_a_document_that_is_not_openapi():
    with pytest.raises(ValidationError, match="not an OpenAPI"):
        spec_store(content=b"name: just yaml\n", filename="x.yaml", actor=Actor.system())
    assert not SpecDocument.objects.exists()
