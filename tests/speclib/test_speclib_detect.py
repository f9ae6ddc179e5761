"""Format detection: which OpenAPI line a document belongs to, or a clear refusal."""

from __future__ import annotations

import pytest

from speclib import SpecError, SpecFormat, detect_format, parse_spec


@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ({"swagger": "2.0"}, SpecFormat("2.0", "2.0")),
        ({"swagger": 2.0}, SpecFormat("2.0", "2.0")),
        ({"openapi": "3.0.3"}, SpecFormat("3.0", "3.0.3")),
        ({"openapi": "3.0"}, SpecFormat("3.0", "3.0")),
        ({"openapi": "3.1.0"}, SpecFormat("3.1", "3.1.0")),
        ({"openapi": "3.1.1-rc1"}, SpecFormat("3.1", "3.1.1-rc1")),
        ({"openapi": "3.2.0"}, SpecFormat("3.2", "3.2.0")),
        ({"openapi": "3.1.0", "swagger": "2.0"}, SpecFormat("3.1", "3.1.0")),
    ],
)
def test_it_detects_the_family_and_keeps_the_declared_text(doc: dict, expected: SpecFormat) -> None:
    assert detect_format(doc) == expected


@pytest.mark.parametrize("doc", [{"info": {}}, [], "openapi: 3.0.0", None, {"asyncapi": "2.6.0"}])
def test_it_refuses_documents_that_are_not_openapi(doc: object) -> None:
    with pytest.raises(SpecError) as caught:
        detect_format(doc)
    assert caught.value.code == "not-openapi"
    assert "no top-level `openapi` or `swagger` field" in caught.value.message


@pytest.mark.parametrize(
    "doc",
    [
        {"openapi": "4.0.0"},
        {"openapi": 4.0},
        {"openapi": "3.3.0"},
        {"openapi": "2.0"},
        {"openapi": "three"},
        {"openapi": {"v": 3}},
        {"openapi": True},
        {"swagger": "1.2"},
        {"swagger": "3.0"},
        {"swaggerVersion": "1.2", "apis": []},
    ],
)
def test_it_refuses_unsupported_versions(doc: dict) -> None:
    with pytest.raises(SpecError) as caught:
        detect_format(doc)
    assert caught.value.code == "unsupported-version"


def test_it_refuses_a_yaml_file_that_is_not_openapi_end_to_end() -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(b"name: my-service\nversion: 1.0\n")
    assert caught.value.code == "not-openapi"
    with pytest.raises(SpecError) as caught:
        parse_spec(b"- just\n- a list\n")
    assert caught.value.code == "not-openapi"
