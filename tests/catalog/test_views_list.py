"""The catalog list: search, facets, sorting, pages and its htmx fragment."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from catalog.models import Api, Audience, Lifecycle
from catalog.services import Actor, api_create, version_create
from catalog.services.apis import api_refresh_rollups
from tests.conftest import client_for
from tests.factories import TeamFactory
from tests.governance.release_factories import spec_of

ACTOR = Actor.system("test")
HTMX = {"HX-Request": "true"}


@pytest.fixture
def reader(owner):
    return client_for(owner)


def make_api(team, slug, **fields):
    fields.setdefault("name", slug.title())
    return api_create(actor=ACTOR, team=team, slug=slug, **fields)


def names(response) -> list[str]:
    return [api.name for api in response.context["page_obj"].object_list]


def test_it_lists_apis_with_team_audience_lifecycle_latest_version_and_sunset(reader, team):
    api = make_api(team, "refunds", summary="Give money back", audience=Audience.PUBLIC)
    sunset = timezone.localdate() + datetime.timedelta(days=12)
    version_create(actor=ACTOR, api=api, version="1.2.0", lifecycle=Lifecycle.RELEASED)
    version_create(
        actor=ACTOR, api=api, version="1.0.0", lifecycle=Lifecycle.DEPRECATED, sunset_on=sunset
    )

    html = reader.get("/").content.decode()

    assert '<a href="/apis/refunds/">Refunds</a>' in html
    assert "Give money back" in html
    assert '<a href="/teams/payments/">Payments</a>' in html
    assert 'class="badge audience audience-public">Public<' in html
    assert 'lifecycle-released">Released<' in html and 'lifecycle-deprecated">Deprecated<' in html
    assert "1.2.0" in html
    assert "sunsets in 12 days" in html


def test_it_says_when_a_sunset_has_passed(reader, team):
    api = make_api(team, "old")
    version_create(
        actor=ACTOR,
        api=api,
        version="1.0.0",
        lifecycle=Lifecycle.DEPRECATED,
        deprecated_on=timezone.localdate() - datetime.timedelta(days=30),
        sunset_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    assert "sunset passed" in reader.get("/").content.decode()


def test_it_ranks_a_name_match_above_a_description_match(reader, team):
    make_api(team, "ledger", name="Ledger", description="Records every refund we make.")
    make_api(team, "refunds", name="Refunds", description="Money back.")
    make_api(team, "orders", name="Orders", description="Nothing relevant.")

    assert names(reader.get("/?q=refund")) == ["Refunds", "Ledger"]


def test_it_searches_by_prefix_as_you_type(reader, team):
    make_api(team, "refunds", name="Refunds")
    make_api(team, "orders", name="Orders")

    assert names(reader.get("/?q=refu")) == ["Refunds"]


def test_it_answers_htmx_with_the_results_fragment_only(reader, team):
    make_api(team, "refunds", name="Refunds")

    response = reader.get("/?q=refu", headers=HTMX)
    html = response.content.decode()

    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html and "catalog-search" not in html
    assert '<a href="/apis/refunds/">Refunds</a>' in html
    # The regions outside the fragment are refreshed out of band.
    assert 'id="facets" class="facets" aria-label="Filters" hx-swap-oob="true"' in html
    assert '<span id="result-count" hx-swap-oob="innerHTML">1 API matching “refu”</span>' in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_it_answers_a_boosted_or_history_request_with_the_whole_page(reader, team):
    for headers in [{**HTMX, "HX-Boosted": "true"}, {**HTMX, "HX-History-Restore-Request": "true"}]:
        assert "<html" in reader.get("/", headers=headers).content.decode()


def test_it_has_a_search_box_that_searches_as_you_type(reader):
    html = reader.get("/").content.decode()
    assert 'type="search" id="q" name="q"' in html
    assert 'hx-trigger="input changed delay:250ms, search"' in html
    assert 'hx-push-url="true"' in html
    assert 'id="result-count" class="result-count" role="status" aria-live="polite"' in html


def test_it_counts_each_facet_under_the_other_filters(reader, team, other_team):
    make_api(team, "a", audience=Audience.PUBLIC, tags=["money"])
    make_api(team, "b", audience=Audience.INTERNAL, tags=["money"])
    make_api(other_team, "c", audience=Audience.PUBLIC, tags=["search"])

    response = reader.get("/?audience=public")
    groups = {group["name"]: group for group in response.context["facets"]}

    def counts(name):
        return {o["value"]: (o["count"], o["checked"]) for o in groups[name]["options"]}

    assert names(response) == ["A", "C"]
    assert counts("team") == {"payments": (1, False), "search": (1, False)}
    # The audience facet ignores the audience filter itself, so the choice can be widened.
    assert counts("audience")["internal"] == (1, False)
    assert counts("audience")["public"] == (2, True)
    assert counts("tag") == {"money": (1, False), "search": (1, False)}
    html = response.content.decode()
    assert 'id="facet-audience-public" name="audience" value="public" checked' in html


def test_it_keeps_a_chosen_facet_value_that_no_api_has(reader, team):
    make_api(team, "a", tags=["money"])

    response = reader.get("/?tag=gone")

    options = {o["value"]: o for g in response.context["facets"] for o in g["options"]}
    assert options["gone"]["checked"] and options["gone"]["count"] == 0
    assert names(response) == []


def test_it_reads_the_empty_values_a_submitted_form_sends_as_any(reader, team):
    make_api(team, "a")

    response = reader.get("/?q=&sunset_within=&sort=")

    sunset = next(g for g in response.context["facets"] if g["name"] == "sunset_within")
    assert [(o["value"], o["checked"]) for o in sunset["options"]] == [
        ("", True),
        ("30", False),
        ("90", False),
        ("180", False),
    ]
    assert names(response) == ["A"] and not response.context["errors"]


def test_it_filters_by_team_lifecycle_and_sunset(reader, team, other_team):
    soon = make_api(team, "soon")
    version_create(
        actor=ACTOR,
        api=soon,
        version="1.0.0",
        lifecycle=Lifecycle.DEPRECATED,
        sunset_on=timezone.localdate() + datetime.timedelta(days=20),
    )
    make_api(team, "plain")
    make_api(other_team, "elsewhere")

    assert names(reader.get("/?team=payments")) == ["Plain", "Soon"]
    assert names(reader.get("/?lifecycle=deprecated")) == ["Soon"]
    assert names(reader.get("/?sunset_within=30")) == ["Soon"]


@pytest.mark.parametrize(
    "query",
    [
        "sunset_within=soon",
        "sunset_within=-1",
        "team=nobody",
        "sort=colour",
        "lifecycle=alive",
        "tag=%00",
        "q=a%00b",
        "tag=" + "x" * 51,
        "page=x",
    ],
)
def test_it_shows_bad_filter_values_as_form_errors(reader, team, query):
    make_api(team, "a")

    response = reader.get(f"/?{query}")

    assert response.status_code == 200
    if not query.startswith("page"):
        assert 'class="form-errors" role="alert"' in response.content.decode()
        assert response.context["errors"]
    assert names(response) == ["A"]


def test_it_shows_an_empty_state_with_a_reset_link(reader, team):
    make_api(team, "a")

    html = reader.get("/?q=zebra&audience=partner").content.decode()

    assert "No APIs match “zebra” with these filters." in html
    assert '<a href="/">Reset the search and filters</a>' in html


def test_it_pages_by_25_and_keeps_the_filters_in_page_links(reader, team):
    for number in range(30):
        make_api(team, f"api-{number:02}", audience=Audience.PUBLIC)

    first = reader.get("/?audience=public&sort=name")
    second = reader.get("/?audience=public&sort=name&page=2")

    assert len(names(first)) == 25 and len(names(second)) == 5
    assert 'href="?audience=public&amp;sort=name&amp;page=2"' in first.content.decode()
    assert 'href="?audience=public&amp;sort=name&amp;page=1"' in second.content.decode()


@pytest.mark.parametrize("sort, first", [("name", "Alpha"), ("-name", "Zulu"), ("sunset", "Zulu")])
def test_it_sorts(reader, team, sort, first):
    make_api(team, "alpha", name="Alpha")
    zulu = make_api(team, "zulu", name="Zulu")
    version_create(
        actor=ACTOR,
        api=zulu,
        version="1.0.0",
        lifecycle=Lifecycle.DEPRECATED,
        sunset_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    assert names(reader.get(f"/?sort={sort}"))[0] == first


# The session, the user, the page's rows, and the facet counts: one statement for the
# audience facet (counted without the audience filter), one for the others, which also
# gives the page's count and, this being a search, ranks its first matches (so no query
# for the page's keys).
LIST_QUERIES = 5


@pytest.mark.parametrize("total", [5, 25])
@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_it_reads_the_list_in_a_constant_number_of_queries(
    reader, total, headers, django_assert_num_queries
):
    for number in range(total):
        make_api(TeamFactory(), f"api-{number}", tags=[f"t{number}"], audience="public")

    with django_assert_num_queries(LIST_QUERIES):
        response = reader.get("/?audience=public&q=api", headers=headers)

    assert len(names(response)) == total


def test_it_finds_an_api_by_a_word_of_its_operation_paths(reader, team):
    api = make_api(team, "logistics", name="Logistics")
    spec = spec_of(b"openapi: 3.0.3\ninfo: {title: L, version: 1.0.0}\npaths: {}\n")
    spec.operations.create(position=0, method="POST", path="/v2/shipping-labels/{labelId}/void")
    version_create(actor=ACTOR, api=api, version="1.0.0", lifecycle=Lifecycle.RELEASED)
    api.versions.update(spec=spec)
    api_refresh_rollups(api=api)
    make_api(team, "orders", name="Orders")

    assert names(reader.get("/?q=shipping-labels")) == ["Logistics"]
    assert names(reader.get("/?q=void")) == ["Logistics"]
    assert names(reader.get("/?q=labelid")) == []  # a parameter's name is not a word of the path


def test_the_migration_refreshes_the_search_text_of_existing_apis(reader, team):
    refresh = importlib.import_module("catalog.migrations.0006_api_search_text_paths")
    api = make_api(team, "logistics", name="Logistics", tags=["freight"])
    spec = spec_of(b"openapi: 3.0.3\ninfo: {title: L, version: 2.0.0}\npaths: {}\n")
    spec.operations.create(position=0, method="GET", path="/pallets", summary="List pallets")
    version_create(actor=ACTOR, api=api, version="2.0.0", lifecycle=Lifecycle.RELEASED)
    api.versions.update(spec=spec)
    Api.objects.filter(pk=api.pk).update(search_extra="")  # as before this release

    refresh.refresh_search_text(apps, None)

    api.refresh_from_db()
    assert api.search_extra == "freight List pallets pallets"  # the summary, then the path
    assert names(reader.get("/?q=pallets")) == ["Logistics"]
