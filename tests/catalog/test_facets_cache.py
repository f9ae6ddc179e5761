"""The catalog facet counts: one statement per set of other filters, cached for everyone,
dropped when a change commits."""

from kombu.exceptions import OperationalError as BrokerUnavailable

from catalog import selectors
from catalog.cache import WARM_DELAY
from catalog.filtersets import ApiFilterSet
from catalog.models import Api
from catalog.services import Actor, api_create, api_update
from catalog.tasks import facets_warm_task
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


def test_it_counts_every_facet_of_a_search_in_one_statement(team, django_assert_num_queries):
    api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger", tags=["money"])
    api_create(actor=ACTOR, team=team, slug="refunds", name="Refunds", audience="public")
    api_create(actor=ACTOR, team=TeamFactory(slug="search"), slug="find", name="Find Ledgers")

    with django_assert_num_queries(1):
        facets = selectors.api_facets({"q": ["ledger"]})

    assert [(slug, count) for slug, _, count in facets["team"]] == [("payments", 1), ("search", 1)]
    assert [count for _, _, count in facets["audience"]] == [2, 0, 0]
    assert facets["tag"] == [("money", "money", 1)]
    assert facets["count"] == 2


def test_it_counts_a_chosen_facet_without_its_own_filter(
    team, other_team, django_assert_num_queries
):
    api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")
    api_create(actor=ACTOR, team=other_team, slug="find", name="Find", audience="public")
    # One team lookup (validating the slug); the team facet without the team filter; the
    # other five under it.
    with django_assert_num_queries(3):
        facets = selectors.api_facets({"team": ["payments"]})

    assert [(slug, count) for slug, _, count in facets["team"]] == [("payments", 1), ("search", 1)]
    assert [count for _, _, count in facets["audience"]] == [1, 0, 0]
    assert facets["count"] == 1


def test_it_leaves_the_count_to_the_list_when_every_partition_is_chosen(team):
    api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")
    facets = selectors.api_facets(
        {"team": ["payments"], "audience": ["internal"], "lint_status": ["unlinted"]}
    )

    assert facets["count"] is None
    assert facets["lint_status"][-1] == ("unlinted", "Not linted", 1)


def test_it_counts_apis_that_look_alike_once_each(team):
    # The audience filter makes the query DISTINCT: APIs must not merge on their facet values.
    for slug in ("ledger", "ledger-eu"):
        api_create(actor=ACTOR, team=team, slug=slug, name="Ledger", audience="public")

    facets = selectors.api_facets({"audience": ["public"]})

    assert facets["team"] == [("payments", "Payments", 2)]
    assert facets["count"] == 2


def test_it_counts_the_landing_page_again_in_a_worker_after_a_change(
    team, django_capture_on_commit_callbacks, django_assert_num_queries, monkeypatch
):
    queued = []
    monkeypatch.setattr(facets_warm_task, "apply_async", lambda **options: queued.append(options))
    with django_capture_on_commit_callbacks(execute=True):
        api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")
        api_create(actor=ACTOR, team=team, slug="refunds", name="Refunds")

    assert queued == [{"countdown": WARM_DELAY}]  # one warm-up for the burst
    facets_warm_task()  # as the worker runs it
    with django_assert_num_queries(0):
        assert team_counts({}) == {"payments": 2}


def test_it_commits_a_change_while_the_broker_is_down(
    team, django_capture_on_commit_callbacks, monkeypatch
):
    def unavailable(**options):
        raise BrokerUnavailable("connection refused")

    monkeypatch.setattr(facets_warm_task, "apply_async", unavailable)
    with django_capture_on_commit_callbacks(execute=True):
        api_create(actor=ACTOR, team=team, slug="ledger", name="Ledger")

    assert team_counts({}) == {"payments": 1}


def test_it_ranks_a_searchs_first_matches_in_the_lists_order(team):
    for slug, name in [("a", "Ledger"), ("b", "Ledger"), ("c", "Payments ledger"), ("d", "Other")]:
        api_create(actor=ACTOR, team=team, slug=slug, name=name, summary="Keeps the ledger.")
    listed = ApiFilterSet({"q": "ledger"}, queryset=Api.objects.all()).qs

    facets = selectors.api_facets({"q": ["ledger"]})

    assert facets["ranked"] == list(listed.values_list("pk", flat=True))
    assert len(facets["ranked"]) == facets["count"] == 4
    assert selectors.api_facets({"audience": ["internal"]})["ranked"] is None
