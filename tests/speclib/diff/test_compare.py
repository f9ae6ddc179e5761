"""compare(): endpoints, parameters, lifecycle, options, ignore list and locations."""

from __future__ import annotations

from datetime import date

from speclib.diff import DiffOptions, Ignore, Level, compare

from .samples import PETS, edit


def ids(result) -> list[str]:
    return [change.id for change in result.changes]


def test_it_reports_nothing_for_identical_documents():
    result = compare(PETS.encode(), PETS.encode())
    assert result.changes == []
    assert result.worst is None


def test_it_reports_a_removed_operation_as_breaking_with_its_source_line():
    revision = edit(PETS, "  /pets:\n    post:", "  /pets:\n    put:")
    result = compare(PETS.encode(), revision, base_name="v1.yaml", revision_name="v2.yaml")
    removed = next(c for c in result.changes if c.id == "api-removed-without-deprecation")
    assert removed.level is Level.ERROR
    assert removed.operation == "POST /pets"
    assert removed.base.source == "v1.yaml"
    assert removed.base.pointer == "/paths/~1pets/post"
    assert removed.base.line == 18
    assert "endpoint-added" in ids(result)
    assert result.breaking == [removed]


def test_it_matches_endpoints_regardless_of_path_parameter_names():
    revision = PETS.replace("{petId}", "{id}").replace("name: petId", "name: id").encode()
    assert compare(PETS.encode(), revision).changes == []


def test_it_does_not_report_a_parameter_moved_to_the_operation():
    param = "{name: petId, in: path, required: true, schema: {type: string}}"
    moved = edit(
        PETS,
        f"    parameters:\n      - {param}\n    get:\n"
        "      operationId: getPet\n      parameters:\n",
        f"    get:\n      operationId: getPet\n      parameters:\n        - {param}\n",
    )
    assert compare(PETS.encode(), moved).changes == []


def test_it_reports_a_parameter_that_became_required():
    revision = edit(
        PETS, "{name: verbose, in: query,", "{name: verbose, in: query, required: true,"
    )
    result = compare(PETS.encode(), revision)
    assert ids(result) == ["request-parameter-became-required"]
    assert result.changes[0].text == "the `query` request parameter `verbose` became required"


def test_it_allows_removing_a_deprecated_operation_after_its_sunset_only():
    deprecated = edit(
        PETS, "    post:\n", "    post:\n      deprecated: true\n      x-sunset: 2030-01-01\n"
    )
    removed = edit(PETS, "    post:\n", "    put:\n")
    before = compare(deprecated, removed, options=DiffOptions(today=date(2029, 12, 31)))
    after = compare(deprecated, removed, options=DiffOptions(today=date(2030, 1, 1)))
    assert "api-removed-before-sunset" in ids(before)
    assert "api-removed-with-deprecation" in ids(after)
    assert not after.breaking


def test_it_asks_for_a_sunset_when_the_policy_gives_notice():
    deprecated = edit(PETS, "    post:\n", "    post:\n      deprecated: true\n")
    policy = DiffOptions(deprecation_days_beta=30, deprecation_days_stable=90)
    assert ids(compare(PETS.encode(), deprecated, options=policy)) == [
        "api-deprecated-sunset-missing"
    ]
    assert ids(compare(PETS.encode(), deprecated)) == ["endpoint-deprecated"]


def test_it_keeps_an_accepted_change_but_it_no_longer_blocks():
    revision = edit(
        PETS, "{name: verbose, in: query,", "{name: verbose, in: query, required: true,"
    )
    accepted = Ignore(
        "request-parameter-became-required", "get /pets/{petId}", "agreed with clients"
    )
    result = compare(PETS.encode(), revision, options=DiffOptions(ignore=(accepted,)))
    assert result.changes[0].ignored_because == "agreed with clients"
    assert result.breaking == []
    assert result.worst is None


def test_it_filters_by_level_and_check():
    revision = edit(PETS, "operationId: getPet", "operationId: fetchPet")
    assert ids(compare(PETS.encode(), revision)) == ["api-operation-id-removed"]
    assert (
        compare(PETS.encode(), revision, options=DiffOptions(min_level=Level.WARNING)).changes == []
    )
    only = DiffOptions(include_checks=frozenset({"APITagUpdatedCheck"}))
    assert compare(PETS.encode(), revision, options=only).changes == []


def test_it_converts_swagger_2_before_comparing():
    base = b"""{"swagger": "2.0", "info": {"title": "t", "version": "1"},
      "paths": {"/a": {"get": {"parameters": [{"name": "q", "in": "query", "type": "string"}],
      "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/A"}}}}}},
      "definitions": {"A": {"type": "object"}}}"""
    revision = base.replace(b'"type": "string"}', b'"type": "string", "required": true}')
    result = compare(base, revision)
    assert ids(result) == ["request-parameter-became-required"]
    assert result.changes[0].revision.line == 2


def _named_with_siblings(first: int, second: int) -> bytes:
    # The same named schema twice, with 3.1 sibling keywords that make two schemas of it.
    return f"""openapi: 3.1.0
info: {{title: Names, version: 1.0.0}}
paths:
  /a:
    get:
      parameters:
        - {{name: q, in: query, schema: {{$ref: '#/components/schemas/Name', maxLength: {first}}}}}
      responses: {{'200': {{description: ok}}}}
  /b:
    get:
      parameters:
        - {{name: q, in: query, schema: {{$ref: '#/components/schemas/Name', maxLength: {second}}}}}
      responses: {{'200': {{description: ok}}}}
components:
  schemas:
    Name: {{type: string}}
""".encode()


def test_it_compares_a_ref_with_sibling_keywords_at_each_place():
    # /a narrows, /b widens: each is its own schema, though both name Name.
    result = compare(_named_with_siblings(10, 20), _named_with_siblings(8, 30))

    breaking = [(change.id, change.operation) for change in result.breaking]
    assert breaking == [("request-parameter-max-length-decreased", "GET /a")]
