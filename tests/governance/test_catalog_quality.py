"""The lint roll-ups in the catalog: filters, facet counts and the API's fields."""

import importlib

import pytest
from django.apps import apps

from catalog import selectors
from catalog.filtersets import ApiFilterSet
from catalog.models import Api
from catalog.services.quality import api_set_quality
from tests.api.conftest import api_client_for
from tests.factories import ApiFactory, VersionFactory
from tests.governance.factories import SpecDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def apis(team, other_team):
    return {
        "clean": ApiFactory(team=team, slug="clean", lint_status="clean", lint_score=100),
        "warned": ApiFactory(
            team=team, slug="warned", lint_status="warnings", lint_score=91, lint_version="2.1.0"
        ),
        "broken": ApiFactory(team=other_team, slug="broken", lint_status="errors", lint_score=40),
        "new": ApiFactory(team=other_team, slug="new"),
    }


def slugs(data: dict) -> set[str]:
    return set(ApiFilterSet(data, queryset=Api.objects.all()).qs.values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"lint_status": ["errors", "warnings"]}, {"broken", "warned"}),
        ({"lint_status": ["unlinted"]}, {"new"}),
        ({"lint_score_min": "90"}, {"clean", "warned"}),
    ],
)
def test_it_filters_apis_by_lint_result(apis, data, expected):
    assert slugs(data) == expected


def test_it_counts_the_lint_status_facet_under_the_other_filters(apis, team):
    facets = selectors.api_facets({"team": [team.slug], "lint_status": ["errors"]})
    counts = {value: count for value, _, count in facets["lint_status"]}
    assert counts == {
        "pending": 0,
        "clean": 1,
        "warnings": 1,
        "errors": 0,
        "failed": 0,
        "unlinted": 0,
    }


def test_it_keeps_the_catalog_list_in_a_constant_number_of_queries(
    apis, team, client, anonymous_read, django_assert_max_num_queries
):
    client.get("/")  # warm up (sessions, content types)
    with django_assert_max_num_queries(20) as few:
        client.get("/?lint_status=clean")
    for n in range(30):
        ApiFactory(team=team, slug=f"more-{n}", lint_status="clean", lint_score=100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/?lint_status=clean").status_code == 200


def test_it_shows_the_lint_result_in_the_rest_api(apis, owner):
    body = api_client_for(owner).get("/api/v1/apis/?lint_status=warnings").json()
    results = [
        (a["slug"], a["lint_status"], a["lint_score"], a["lint_version"]) for a in body["results"]
    ]
    assert results == [("warned", "warnings", 91, "2.1.0")]


@pytest.mark.parametrize(("status", "score"), [("bogus", 50), ("clean", 101)])
def test_it_refuses_a_lint_result_out_of_range(api, status, score):
    with pytest.raises(ValueError):
        api_set_quality(api=api, lint_status=status, lint_score=score)


def test_the_migration_names_the_version_of_each_linted_api(apis):
    clean, new = apis["clean"], apis["new"]
    VersionFactory(api=clean, major=2, minor=0, spec=SpecDocumentFactory())
    VersionFactory(api=clean, major=2, minor=1, spec=SpecDocumentFactory())
    VersionFactory(api=clean, major=2, minor=2)  # no spec yet: not what the score is of
    VersionFactory(api=new, major=1, spec=SpecDocumentFactory())  # never linted
    Api.objects.update(lint_version="")  # as before the column

    migration = importlib.import_module("catalog.migrations.0009_api_lint_version")
    migration.backfill(apps, None)

    versions = dict(Api.objects.values_list("slug", "lint_version"))
    assert versions == {"clean": "2.1.0", "warned": "", "broken": "", "new": ""}
