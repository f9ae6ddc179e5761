"""KeysFirstPaginator: the same pages as Django's paginator, read keys first."""

import pytest
from django.core.paginator import Paginator

from catalog.filtersets import ApiFilterSet
from catalog.models import Api
from portal.pagination import KeysFirstPaginator
from tests.factories import ApiFactory, TeamFactory


@pytest.fixture
def apis(db):
    teams = [TeamFactory(), TeamFactory()]
    # Shared names, so that the order needs its id tie-break.
    return [
        ApiFactory(
            team=teams[n % 2], name=f"Ledger {n % 4}", audience="public" if n % 3 else "partner"
        )
        for n in range(23)
    ]


@pytest.mark.parametrize(
    "query", [{}, {"audience": ["public"]}, {"q": ["ledger"]}, {"sort": ["-name"], "q": ["led"]}]
)
def test_it_pages_as_djangos_paginator_does(apis, query):
    queryset = ApiFilterSet(query, queryset=Api.objects.all()).qs

    expected = Paginator(queryset, 5, orphans=2)
    paginator = KeysFirstPaginator(queryset, 5, orphans=2)

    assert paginator.num_pages == expected.num_pages > 1
    for number in expected.page_range:
        assert list(paginator.page(number)) == list(expected.page(number))


def test_it_reads_a_page_in_two_queries_whatever_its_depth(apis, django_assert_num_queries):
    paginator = KeysFirstPaginator(Api.objects.all(), 5)
    paginator.count  # noqa: B018  (counted once, apart)

    for number in (1, paginator.num_pages):
        with django_assert_num_queries(2):
            assert len(list(paginator.page(number))) in (3, 5)


def test_it_reads_known_keys_without_asking_for_them(apis, django_assert_num_queries):
    queryset = Api.objects.all()
    keys = list(queryset.values_list("pk", flat=True)[:10])
    paginator = KeysFirstPaginator(queryset, 5, known_keys=keys)
    paginator.count  # noqa: B018

    with django_assert_num_queries(1):  # the rows only
        assert [api.pk for api in paginator.page(2)] == keys[5:10]
    expected = [api.pk for api in Paginator(queryset, 5).page(3)]
    with django_assert_num_queries(2):  # past the known keys: asked for
        assert [api.pk for api in paginator.page(3)] == expected
