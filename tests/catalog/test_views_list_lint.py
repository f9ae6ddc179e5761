"""The catalog list's lint status facet and the score badges of its rows."""

import pytest

from catalog.models import Api
from tests.conftest import client_for
from tests.factories import ApiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def apis(team):
    made = {
        "clean": ApiFactory(team=team, name="Clean API", slug="clean"),
        "errors": ApiFactory(team=team, name="Broken API", slug="broken"),
        "unlinted": ApiFactory(team=team, name="Fresh API", slug="fresh"),
    }
    Api.objects.filter(slug="clean").update(lint_status="clean", lint_score=100)
    Api.objects.filter(slug="broken").update(lint_status="errors", lint_score=35)
    return made


def test_it_offers_the_lint_status_facet_with_counts(owner, apis):
    html = client_for(owner).get("/").content.decode()

    assert "<legend>Lint status</legend>" in html
    assert 'id="facet-lint_status-errors" name="lint_status" value="errors"' in html
    assert 'No errors or warnings <span class="count">1</span>' in html
    assert 'Not linted <span class="count">1</span>' in html


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("lint_status=errors", ["Broken API"]),
        ("lint_status=unlinted", ["Fresh API"]),
        ("lint_status=clean&lint_status=errors", ["Broken API", "Clean API"]),
    ],
)
def test_it_filters_by_lint_status(owner, apis, query, shown):
    response = client_for(owner).get(f"/?{query}", headers={"HX-Request": "true"})
    assert [api.name for api in response.context["page_obj"].object_list] == shown


def test_it_badges_each_row_with_its_score_in_words(owner, apis):
    html = client_for(owner).get("/").content.decode()

    assert '<span class="badge lint lint-errors">Lint score 35/100 · Errors</span>' in html
    assert "Lint score 100/100 · No errors or warnings" in html
    assert html.count('class="badge lint ') == 2  # none for the API never linted


def test_it_names_the_version_a_badge_is_of_when_it_is_not_the_latest_shown(owner, apis):
    Api.objects.filter(slug="broken").update(latest_version="1.4.0", lint_version="1.5.0")
    Api.objects.filter(slug="clean").update(latest_version="2.0.0", lint_version="2.0.0")
    html = client_for(owner).get("/").content.decode()

    assert '<span class="badge lint lint-errors">1.5.0: Lint score 35/100 · Errors</span>' in html
    assert '<span class="badge lint lint-clean">Lint score 100/100 · No errors' in html


def test_it_sorts_by_lint_score_lowest_first(owner, apis):
    response = client_for(owner).get("/?sort=score")
    names = [api.name for api in response.context["page_obj"].object_list]
    assert names == ["Broken API", "Clean API", "Fresh API"]
    assert '<option value="score" selected>' in response.content.decode()


def test_an_api_page_shows_its_lint_result_linked_to_the_findings(owner, apis):
    Api.objects.filter(slug="broken").update(latest_version="1.4.0", lint_version="1.5.0")
    html = client_for(owner).get("/apis/broken/").content.decode()

    assert (
        '<a href="/governance/apis/broken/versions/1.5.0/lint/"><span class="badge lint '
        'lint-errors">1.5.0: Lint score 35/100 · Errors</span>' in html
    )
    assert 'class="badge lint' not in client_for(owner).get("/apis/fresh/").content.decode()
