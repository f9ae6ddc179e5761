"""The path matcher (plain Python) and the attribution index built from the catalog."""

import pytest

from catalog.models import Lifecycle
from tests.factories import VersionFactory
from tests.usage.factories import spec_with
from usage.attribution import attribution_build, split_server
from usage.engine.matcher import PathMatcher


def _matcher(*templates: tuple[str, str]) -> PathMatcher:
    matcher = PathMatcher()
    for method, template in templates:
        matcher.add(template, method, f"{method} {template}")
    return matcher


def _value(matcher: PathMatcher, method: str, path: str):
    found = matcher.match(method, path)
    return found.value if found else None


def test_it_prefers_literal_segments_and_backtracks_to_parameters():
    matcher = _matcher(
        ("GET", "/pets/{id}"),
        ("GET", "/pets/mine"),
        ("GET", "/pets/mine/toys/{toy}"),
        ("GET", "/pets/{id}/photos"),
    )
    assert _value(matcher, "GET", "/pets/mine") == "GET /pets/mine"
    assert _value(matcher, "GET", "/pets/42") == "GET /pets/{id}"
    assert _value(matcher, "GET", "/pets/mine/photos") == "GET /pets/{id}/photos"
    assert _value(matcher, "GET", "/pets/mine/toys/ball") == "GET /pets/mine/toys/{toy}"


def test_it_matches_mixed_segments_queries_slashes_and_escapes():
    matcher = _matcher(("GET", "/files/{name}.{ext}"), ("GET", "/a b/{x}"))
    assert _value(matcher, "GET", "/files/report.pdf?download=1") == "GET /files/{name}.{ext}"
    assert _value(matcher, "GET", "/files/report") is None
    assert _value(matcher, "GET", "//a%20b/1/") == "GET /a b/{x}"


def test_it_falls_back_to_the_base_path_or_another_method():
    matcher = _matcher(("GET", "/v1/pets"))
    matcher.add_base("/v1", "version one")
    assert matcher.match("DELETE", "/v1/pets").fallback == "GET /v1/pets"
    assert matcher.match("GET", "/v1/unknown/deep").fallback == "version one"
    assert matcher.match("GET", "/v2/pets") is None


def test_it_keeps_the_value_of_the_highest_rank():
    matcher = PathMatcher()
    matcher.add("/v1/pets", "GET", "old", rank=(3, 1, 3))
    matcher.add("/v1/pets", "GET", "new", rank=(4, 1, 4))
    matcher.add("/v1/pets", "GET", "draft", rank=(0, 1, 5))
    assert _value(matcher, "GET", "/v1/pets") == "new"


def test_it_matches_in_a_spec_of_ten_thousand_paths():
    matcher = _matcher(*[("GET", f"/r{n}/{{id}}/s{n % 7}") for n in range(10_000)])
    assert _value(matcher, "GET", "/r9999/abc/s3") == "GET /r9999/{id}/s3"


@pytest.mark.parametrize(
    ("url", "parts"),
    [
        ("https://API.example.com:8443/v1/", ("api.example.com", "/v1/")),
        ("http://example.com", ("example.com", "/")),
        ("/v2", ("", "/v2")),
        ("v2", ("", "/v2")),
    ],
)
def test_it_splits_server_urls(url, parts):
    assert split_server(url) == parts


@pytest.mark.django_db
def test_the_index_prefers_the_released_version_on_a_shared_server(api):
    operations = [("get", "/pets", "listPets")]
    deprecated = VersionFactory(
        api=api,
        version="1.3.0",
        major=1,
        minor=3,
        lifecycle=Lifecycle.DEPRECATED,
        spec=spec_with(["https://pets.example.com/v1"], operations + [("get", "/old", "")]),
    )
    released = VersionFactory(
        api=api,
        version="1.4.0",
        major=1,
        minor=4,
        spec=spec_with(["https://pets.example.com/v1"], operations),
    )
    relative = VersionFactory(
        api=api, version="3.0.0", major=3, spec=spec_with(["/v3"], operations)
    )
    index = attribution_build()

    assert index.resolve("pets.example.com", "GET", "/v1/pets") == (released.pk, "GET /pets")
    # Only the deprecated version still has /old.
    assert index.resolve("pets.example.com", "get", "/v1/old") == (deprecated.pk, "GET /old")
    assert index.resolve("anything.example", "GET", "/v3/pets") == (relative.pk, "GET /pets")
    assert index.resolve("", "GET", "/v1/pets")[0] == released.pk
    assert index.resolve("other.example", "GET", "/v1/pets") == (None, "")
