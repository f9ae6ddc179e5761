"""The catalog facet counts: cached for everyone, dropped when a change commits."""

from catalog import selectors
from catalog.services import Actor, api_create, api_update
from tests.factories import TeamFactory

ACTOR = Actor.system("test")


def team_counts(data) -> dict[str, int]:
    return {slug: count for slug, _, count in selectors.api_facets(data)["team"]}


def test_it_answers_the_same_filters_from_the_cache(team, django_assert_num_queries):
    api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")
    first = selectors.api_facets({"audience": ["internal"], "sort": ["name"]})

    # Page and sort do not change the counts, and the order of the values does not matter.
    with django_assert_num_queries(0):
        again = selectors.api_facets({"sort": ["-name"], "audience": ["internal"]})

    assert again == first


def test_it_counts_again_once_a_change_commits(team, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        api = api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")
    assert team_counts({}) == {"payments": 1}

    with django_capture_on_commit_callbacks(execute=True):
        api_create(actor=ACTOR, team=TeamFactory(slug="search"), slug="find", name="Find")
        api_update(actor=ACTOR, api=api, audience="public")

    assert team_counts({}) == {"payments": 1, "search": 1}
    assert team_counts({"audience": ["public"]}) == {"payments": 1}


def test_it_keeps_the_cached_counts_until_the_change_commits(
    team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")
    assert team_counts({}) == {"payments": 1}

    with django_capture_on_commit_callbacks(execute=False) as pending:
        api_create(actor=ACTOR, team=team, slug="refunds", name="Refunds")
        # Not committed yet: another request would still be served the cached counts.
        assert team_counts({}) == {"payments": 1}

    for callback in pending:
        callback()
    assert team_counts({}) == {"payments": 2}


def test_it_validates_the_team_filter_once_for_all_facets(
    team, other_team, django_assert_num_queries
):
    api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")
    # One team lookup (validating the slug), then one query per facet (six).
    with django_assert_num_queries(7):
        facets = selectors.api_facets({"team": ["payments"]})

    assert [(slug, count) for slug, _, count in facets["team"]] == [("payments", 1)]
    assert [count for _, _, count in facets["audience"]] == [1, 0, 0]
